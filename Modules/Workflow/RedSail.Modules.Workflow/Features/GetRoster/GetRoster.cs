using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Meetings;

namespace RedSail.Modules.Workflow.Features.GetRoster;

/// <summary>
/// Who is expected at an organisation's meetings (<see cref="Roster"/>), for the attendee picker: a branch's party members and
/// those of its party groups, or a party group's. Bounded by the organisation (a branch has at most a few dozen members), so not paged.
/// </summary>
internal sealed record GetRoster(Guid OrganizationId) : IQuery<IReadOnlyList<RosterMember>>;

internal sealed class GetRosterHandler(WorkflowDb db, RequestContext context) : IRequestHandler<GetRoster, IReadOnlyList<RosterMember>>
{
    public async Task<IReadOnlyList<RosterMember>> Handle(GetRoster request, CancellationToken cancellationToken)
    {
        var organization = await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Read, request.OrganizationId, cancellationToken);
        if (organization.Type != OrganizationTypes.PartyGroup && !BranchTypes.All.Contains(organization.Type))
            throw new RuleViolationException("not_a_meeting_unit", "workflow.meetings.not_a_meeting_unit", organization.Name);
        return await Roster.OfAsync(db, organization.Id, cancellationToken);
    }
}

internal static class GetRosterEndpoint
{
    public static void MapGetRoster(this IEndpointRouteBuilder api) =>
        api.MapGet("/organizations/{id:guid}/roster", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetRoster(id), ct))
            .WithName("GetMeetingRoster").WithSummary("组织生活名册：支部（含党小组）或党小组的正式党员、预备党员，供选择出席人员")
            .RequirePermission(WorkflowPermissions.Read);
}
