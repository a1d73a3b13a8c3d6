using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Recruitment;
using RedSail.Modules.Workflow.Features.Rules;

namespace RedSail.Modules.Workflow.Features.GetRecruitmentFile;

/// <summary>
/// A file's timeline: all 25 steps by stage — the done ones with their date, actor, opinion, materials and details, the next with
/// its earliest and due dates, the later ones with what they will need.
/// </summary>
internal sealed record GetRecruitmentFile(Guid Id) : IQuery<RecruitmentFileView>;

internal sealed record RecruitmentFileView(Guid Id, Guid PersonId, string PersonName, Guid OrganizationId, string OrganizationName, DateOnly AppliedOn,
    string? RuleSetName, int Stage, int NextStep, DateOnly? NextDueOn, DateOnly? NextEarliestOn, bool Overdue, string Status, string? Outcome,
    string? ClosedReason, DateOnly? ClosedOn, DateOnly? ProbationEndsOn, long Version, IReadOnlyList<RecruitmentStepView> Steps,
    IReadOnlyDictionary<Guid, string> People);

/// <summary>One step of the timeline; <see cref="State"/> is done, next or later.</summary>
internal sealed record RecruitmentStepView(int Number, int Stage, string Name, string ActorRole, string ActorRoleName,
    IReadOnlyList<MaterialView> Materials, IReadOnlyList<string> DetailFields, string State, DateOnly? CompletedOn, string? Actor, string? Opinion,
    IReadOnlyList<string>? MaterialsFiled, StepDetails? Details, DateOnly? EarliestOn, DateOnly? DueOn, DateOnly? LatestOn, DateTime? RecordedAt);

internal sealed record MaterialView(string Code, string Name);

internal sealed class GetRecruitmentFileHandler(WorkflowDb db, RequestContext context, IClock clock, MessageCatalog messages)
    : IRequestHandler<GetRecruitmentFile, RecruitmentFileView>
{
    public async Task<RecruitmentFileView> Handle(GetRecruitmentFile request, CancellationToken cancellationToken)
    {
        var file = await RecruitmentFiles.LoadAsync(db, context, WorkflowPermissions.Read, request.Id, forUpdate: false, cancellationToken);
        var steps = (await RecruitmentFiles.StepsAsync(db, file.Id, cancellationToken)).ToDictionary(s => s.Step);
        var ruleSets = await RuleBook.LoadAsync(db, cancellationToken);
        var rules = ruleSets.At(file.AppliedOn).Recruitment;
        var done = steps.Values.ToDictionary(s => s.Step, s => s.CompletedOn);
        var open = file.Status != RecruitmentStatuses.Closed && file.NextStep <= RecruitmentSteps.Last;
        var today = clock.Today;
        // The contacts and introducers the details name, by name for the timeline (one query).
        var named = steps.Values.Select(s => s.ParsedDetails).SelectMany(d => (d.Contacts ?? []).Concat(d.Introducers ?? [])).Distinct().ToArray();
        var people = named.Length == 0 ? new Dictionary<Guid, string>()
            : (await db.QueryAsync<(Guid Id, string Name)>("select id, name from workflow.person where id = any(@named)", new { named }, cancellationToken))
                .ToDictionary(p => p.Id, p => p.Name);

        var timeline = RecruitmentSteps.All.Select(step =>
        {
            var row = steps.GetValueOrDefault(step.Number);
            var state = row is not null ? "done" : open && step.Number == file.NextStep ? "next" : "later";
            var window = state == "next" ? RecruitmentSchedule.Window(step.Number, done, file.ProbationExtendedMonths, rules) : StepWindow.Open;
            return new RecruitmentStepView(step.Number, step.Stage, messages.Get(step.NameKey), step.Actor,
                messages.Get("workflow.recruitment.actor." + step.Actor),
                step.Materials.Select(m => new MaterialView(m, messages.Get("workflow.recruitment.material." + m))).ToList(), step.Details, state,
                row?.CompletedOn, row?.Actor, row?.Opinion, row?.ParsedMaterials, row?.ParsedDetails, window.Earliest, window.Due, window.Latest,
                row?.RecordedAt);
        }).ToList();

        return new RecruitmentFileView(file.Id, file.PersonId, file.PersonName, file.OrganizationId, file.OrganizationName, file.AppliedOn,
            ruleSets.VersionAt(file.AppliedOn)?.Name, file.Stage, file.NextStep, open ? file.NextDueOn : null, open ? file.NextEarliestOn : null,
            open && file.NextDueOn < today, file.Status, file.Outcome, file.ClosedReason, file.ClosedOn,
            RecruitmentSchedule.ProbationEnd(done.TryGetValue(RecruitmentSteps.GeneralMeeting, out var vote) ? vote : null, file.ProbationExtendedMonths, rules),
            file.Version, timeline, people);
    }
}

internal static class GetRecruitmentFileEndpoint
{
    public static void MapGetRecruitmentFile(this IEndpointRouteBuilder api) =>
        api.MapGet("/recruitment/files/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetRecruitmentFile(id), ct))
            .WithName("GetRecruitmentFile").WithSummary("发展党员档案：25个步骤的时间线（已完成、下一步及期限、后续步骤）")
            .RequirePermission(WorkflowPermissions.Read);
}
