using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Recruitment;
using RedSail.Modules.Workflow.Features.Rules;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.CompleteRecruitmentStep;

/// <summary>
/// Records the next step of a file: date, who acted, the opinion, the materials filed and the step's details. Steps complete
/// strictly in order, never before their earliest date nor in the future; a step that decides the person's party status tells
/// Personnel (<see cref="RecruitmentStatusDecided"/>), and the file's to-dos follow in the same transaction.
/// </summary>
internal sealed record CompleteRecruitmentStep(Guid FileId, int Step, long Version, DateOnly? CompletedOn, string? Actor, string? Opinion,
    IReadOnlyList<string>? Materials, StepDetails? Details) : ICommand<CompletedRecruitmentStep>
{
    public string AuditAction => "workflow.recruitment.complete_step";
    public AuditTarget AuditTarget => new("recruitment_file", FileId.ToString());
}

internal sealed record CompleteRecruitmentStepBody(long Version, DateOnly? CompletedOn, string? Actor, string? Opinion, IReadOnlyList<string>? Materials,
    StepDetails? Details);

internal sealed record CompletedRecruitmentStep(Guid Id, int NextStep, string Status, long Version);

internal sealed class CompleteRecruitmentStepValidator(IClock clock) : IValidator<CompleteRecruitmentStep>
{
    public void Validate(CompleteRecruitmentStep request, ValidationErrors errors)
    {
        if (!RecruitmentSteps.Exists(request.Step)) errors.Add("step", "validation.between", RecruitmentSteps.First, RecruitmentSteps.Last);
        if (request.CompletedOn is null) errors.Add("completedOn", "validation.required");
        else if (request.CompletedOn > clock.Today) errors.Add("completedOn", "workflow.date_in_future");
        errors.RequiredMax("actor", request.Actor, 100).MaxLength("opinion", request.Opinion, 2000);
        if (request.Materials?.Count > 30) errors.Add("materials", "validation.invalid");
    }
}

internal sealed class CompleteRecruitmentStepHandler(WorkflowDb db, RequestContext context, TodoBook todos, MessageCatalog messages)
    : IRequestHandler<CompleteRecruitmentStep, CompletedRecruitmentStep>
{
    public async Task<CompletedRecruitmentStep> Handle(CompleteRecruitmentStep request, CancellationToken cancellationToken)
    {
        var file = await RecruitmentFiles.LoadAsync(db, context, WorkflowPermissions.Write, request.FileId, forUpdate: true, cancellationToken);
        if (file.Version != request.Version) throw new ConcurrencyException(file.Version);
        if (file.Status == RecruitmentStatuses.Closed)
            throw new RuleViolationException("recruitment_file_closed", "workflow.recruitment.file_closed");

        var all = (await RuleBook.LoadAsync(db, cancellationToken)).At(file.AppliedOn);
        var rules = all.Recruitment;
        var steps = await RecruitmentFiles.StepsAsync(db, file.Id, cancellationToken);
        var done = steps.ToDictionary(s => s.Step, s => s.CompletedOn);
        var on = request.CompletedOn!.Value;
        if (RecruitmentSchedule.Refusal(request.Step, file.NextStep, on, done, file.ProbationExtendedMonths, rules) is { } refusal) throw refusal;

        var step = RecruitmentSteps.Get(request.Step);
        var details = Only(step, request.Details ?? StepDetails.None);
        var materials = (request.Materials ?? []).Distinct().ToList();
        var errors = new ValidationErrors();
        RecruitmentDetailsRules.Check(step, details, materials, on, done.GetValueOrDefault(request.Step - 1), file.ProbationExtendedMonths, all,
            m => messages.Get("workflow.recruitment.material." + m), errors);
        await CheckPeopleAsync(file, details, errors, cancellationToken);
        errors.ThrowIfAny();

        await RecruitmentFiles.RecordStepAsync(db, file.Id, step.Number, on, request.Actor!.Trim(), request.Opinion?.Trim(), materials, details,
            context.Principal.UserId, cancellationToken);
        done[step.Number] = on;
        var outcome = step.Number == RecruitmentSteps.ConversionMeeting ? details.Outcome : file.Outcome;
        var extended = step.Number == RecruitmentSteps.ConversionMeeting ? details.ExtensionMonths ?? 0 : file.ProbationExtendedMonths;
        var progress = RecruitmentSchedule.Progress(done, extended, outcome, rules);
        var version = await db.QuerySingleAsync<long>("""
            update workflow.recruitment_file
            set stage = @Stage, next_step = @NextStep, next_due_on = @NextDueOn, next_earliest_on = @NextEarliestOn, status = @Status,
                outcome = @outcome, probation_extended_months = @extended,
                closed_reason = case when @Status = 'closed' then 'probation_cancelled' else closed_reason end,
                closed_on = case when @Status = 'closed' then @on else closed_on end,
                version = version + 1
            where id = @Id
            returning version
            """, new { progress.Stage, progress.NextStep, progress.NextDueOn, progress.NextEarliestOn, progress.Status, outcome, extended, on, file.Id },
            cancellationToken);

        if (RecruitmentSteps.StatusAfter(step.Number, outcome) is { } status)
            await db.PublishAsync(new RecruitmentStatusDecided(file.Id, file.PersonId, file.OrganizationId, step.Number, status,
                EffectiveOn(step.Number, status, done, extended, rules), extended,
                // The register keeps the reason in Chinese whatever the caller's language: it is the record of the file.
                $"{messages.GetIn("zh-CN", "workflow.recruitment.decided_reason")} {step.Number}：{messages.GetIn("zh-CN", step.NameKey)}"),
                cancellationToken);
        await RecruitmentFiles.RefreshTodosAsync(todos, file.OrganizationId, cancellationToken);
        return new CompletedRecruitmentStep(file.Id, progress.NextStep, progress.Status, version);
    }

    /// <summary>
    /// The date the status takes effect: the step's own date, except that a probationary member counts from the 支部大会 vote
    /// (step 15), and a full member from the end of probation (extension included).
    /// </summary>
    private static DateOnly EffectiveOn(int step, string status, IReadOnlyDictionary<int, DateOnly> done, int extended, RecruitmentRules rules) =>
        status switch
        {
            "probationary" => done[RecruitmentSteps.GeneralMeeting],
            "full_member" => RecruitmentSchedule.ProbationEnd(done[RecruitmentSteps.GeneralMeeting], extended, rules)!.Value,
            _ => done[step],
        };

    /// <summary>Keeps the details the step records, so that nothing else is stored with it.</summary>
    private static StepDetails Only(RecruitmentStep step, StepDetails d)
    {
        bool Has(string field) => step.Details.Contains(field);
        return new StepDetails
        {
            Contacts = Has(StepDetails.ContactsField) ? d.Contacts : null,
            Introducers = Has(StepDetails.IntroducersField) ? d.Introducers : null,
            ReviewPassed = Has(StepDetails.ReviewPassedField) ? d.ReviewPassed : null,
            TrainingHours = Has(StepDetails.TrainingHoursField) ? d.TrainingHours : null,
            TrainingDays = Has(StepDetails.TrainingDaysField) ? d.TrainingDays : null,
            NoticeFrom = Has(StepDetails.NoticeFromField) ? d.NoticeFrom : null,
            NoticeTo = Has(StepDetails.NoticeToField) ? d.NoticeTo : null,
            VotingMembers = Has(StepDetails.VotingMembersField) ? d.VotingMembers : null,
            Present = Has(StepDetails.PresentField) ? d.Present : null,
            InFavour = Has(StepDetails.InFavourField) ? d.InFavour : null,
            Outcome = Has(StepDetails.OutcomeField) ? d.Outcome : null,
            ExtensionMonths = Has(StepDetails.ExtensionMonthsField) ? d.ExtensionMonths : null,
        };
    }

    /// <summary>Contacts and introducers are full members on the organisation's roster (not the applicant, in one query).</summary>
    private async Task CheckPeopleAsync(RecruitmentFileRow file, StepDetails details, ValidationErrors errors, CancellationToken ct)
    {
        var (field, people) = details.Contacts is { Count: > 0 } c ? (StepDetails.ContactsField, c)
            : details.Introducers is { Count: > 0 } i ? (StepDetails.IntroducersField, i) : ("", (IReadOnlyList<Guid>)[]);
        if (people.Count == 0 || errors.All.Any(e => e.Field == field)) return;
        var members = await db.QueryAsync<Guid>("""
            select id from workflow.person
            where id = any(@ids) and organization_id = @OrganizationId and party_status = 'full_member' and relation = 'active' and id <> @PersonId
            """, new { ids = people.ToArray(), file.OrganizationId, file.PersonId }, ct);
        if (members.Count != people.Distinct().Count()) errors.Add(field, "workflow.recruitment.not_full_members");
    }
}

internal static class CompleteRecruitmentStepEndpoint
{
    public static void MapCompleteRecruitmentStep(this IEndpointRouteBuilder api) =>
        api.MapPost("/recruitment/files/{id:guid}/steps/{step:int}", async (Guid id, int step, CompleteRecruitmentStepBody body, IMediator mediator,
                CancellationToken ct) =>
                Results.Ok(await mediator.Send(new CompleteRecruitmentStep(id, step, body.Version, body.CompletedOn, body.Actor, body.Opinion,
                    body.Materials, body.Details), ct)))
            .WithName("CompleteRecruitmentStep").WithSummary("完成发展党员档案的下一步（按顺序、不早于最早日期、不晚于今天）")
            .RequirePermission(WorkflowPermissions.Write);
}
