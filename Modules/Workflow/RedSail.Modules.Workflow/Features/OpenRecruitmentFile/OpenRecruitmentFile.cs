using Npgsql;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Recruitment;
using RedSail.Modules.Workflow.Features.Rules;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.OpenRecruitmentFile;

/// <summary>
/// Opens the recruitment file of an applicant on the branch's roster: step 1 is the application, on the date the letter was
/// handed in. The file runs under the rule set in force on that date to its end.
/// </summary>
internal sealed record OpenRecruitmentFile(Guid? PersonId, DateOnly? AppliedOn, string? Opinion) : ICommand<OpenedRecruitmentFile>
{
    public string AuditAction => "workflow.recruitment.open";
    public AuditTarget AuditTarget => new("person", PersonId?.ToString());
}

internal sealed record OpenedRecruitmentFile(Guid Id, long Version) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("recruitment_file", Id.ToString());
}

internal sealed class OpenRecruitmentFileValidator(IClock clock) : IValidator<OpenRecruitmentFile>
{
    public void Validate(OpenRecruitmentFile request, ValidationErrors errors)
    {
        if (request.PersonId is null) errors.Add("personId", "validation.required");
        if (request.AppliedOn is null) errors.Add("appliedOn", "validation.required");
        else if (request.AppliedOn > clock.Today) errors.Add("appliedOn", "workflow.date_in_future");
        errors.MaxLength("opinion", request.Opinion, 2000);
    }
}

internal sealed class OpenRecruitmentFileHandler(WorkflowDb db, RequestContext context, TodoBook todos)
    : IRequestHandler<OpenRecruitmentFile, OpenedRecruitmentFile>
{
    public async Task<OpenedRecruitmentFile> Handle(OpenRecruitmentFile request, CancellationToken cancellationToken)
    {
        var person = await db.QuerySingleOrDefaultAsync<Applicant>($"""
            select p.id, p.name, p.organization_id, p.birth_date, p.party_status, p.relation
            from workflow.person p join workflow.organization o on o.id = p.organization_id
            where p.id = @PersonId and {WorkflowScope.Within("o")}
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Write), new { request.PersonId }), cancellationToken)
            ?? throw new NotFoundException("person", request.PersonId.ToString());
        await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Write, person.OrganizationId, cancellationToken);
        if (person.PartyStatus != "applicant" || person.Relation != "active")
            throw new RuleViolationException("recruitment_not_an_applicant", "workflow.recruitment.not_an_applicant", person.Name);

        var appliedOn = request.AppliedOn!.Value;
        var ruleSets = await RuleBook.LoadAsync(db, cancellationToken);
        // The rule set in force on the application date governs the whole file (its deadlines do not move with later versions).
        var rules = ruleSets.At(appliedOn).Recruitment;
        if (appliedOn < person.BirthDate.AddYears(rules.MinApplicationAge))
            new ValidationErrors().Add("appliedOn", "workflow.recruitment.too_young", rules.MinApplicationAge).ThrowIfAny();

        var done = new Dictionary<int, DateOnly> { [RecruitmentSteps.Application] = appliedOn };
        var progress = RecruitmentSchedule.Progress(done, 0, null, rules);
        var id = Guid.CreateVersion7();
        try
        {
            await db.ExecuteAsync("""
                insert into workflow.recruitment_file (id, person_id, organization_id, applied_on, rule_set_id, stage, next_step, next_due_on,
                    next_earliest_on, status, created_by)
                values (@id, @personId, @organizationId, @appliedOn, @ruleSetId, @Stage, @NextStep, @NextDueOn, @NextEarliestOn, @Status, @createdBy)
                """, new
                {
                    id, personId = person.Id, organizationId = person.OrganizationId, appliedOn, ruleSetId = ruleSets.VersionAt(appliedOn)?.Id,
                    progress.Stage, progress.NextStep, progress.NextDueOn, progress.NextEarliestOn, progress.Status, createdBy = context.Principal.UserId,
                }, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new RuleViolationException("recruitment_file_exists", "workflow.recruitment.file_exists", person.Name);
        }
        var first = RecruitmentSteps.Get(RecruitmentSteps.Application);
        await RecruitmentFiles.RecordStepAsync(db, id, first.Number, appliedOn, person.Name, request.Opinion?.Trim(), first.Materials,
            StepDetails.None, context.Principal.UserId, cancellationToken);
        await RecruitmentFiles.RefreshTodosAsync(todos, person.OrganizationId, cancellationToken);
        return new OpenedRecruitmentFile(id, 1);
    }

    private sealed class Applicant
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Guid OrganizationId { get; init; }
        public DateOnly BirthDate { get; init; }
        public string PartyStatus { get; init; } = "";
        public string Relation { get; init; } = "";
    }
}

internal static class OpenRecruitmentFileEndpoint
{
    public static void MapOpenRecruitmentFile(this IEndpointRouteBuilder api) =>
        api.MapPost("/recruitment/files", async (OpenRecruitmentFile command, IMediator mediator, CancellationToken ct) =>
            {
                var opened = await mediator.Send(command, ct);
                return Results.Created($"/api/workflow/recruitment/files/{opened.Id}", opened);
            })
            .WithName("OpenRecruitmentFile").WithSummary("建立发展党员档案（第1步：递交入党申请书；申请时须年满18岁）")
            .RequirePermission(WorkflowPermissions.Write);
}
