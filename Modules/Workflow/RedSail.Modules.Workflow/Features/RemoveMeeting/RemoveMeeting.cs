using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Meetings;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.RemoveMeeting;

/// <summary>
/// Withdraws a meeting recorded by mistake: it is kept, with who removed it and why, but no longer counts (calendar, quotas,
/// attendance), so the quota to-do may open again.
/// </summary>
internal sealed record RemoveMeeting(Guid MeetingId, long Version, string? Reason) : ICommand<RemovedMeeting>
{
    public string AuditAction => "workflow.meetings.remove";
    public AuditTarget AuditTarget => new("meeting", MeetingId.ToString());
}

internal sealed record RemoveMeetingBody(long Version, string? Reason);

internal sealed record RemovedMeeting(Guid Id, long Version);

internal sealed class RemoveMeetingValidator : IValidator<RemoveMeeting>
{
    public void Validate(RemoveMeeting request, ValidationErrors errors) => errors.RequiredMax("reason", request.Reason, 200);
}

internal sealed class RemoveMeetingHandler(WorkflowDb db, RequestContext context, TodoBook todos) : IRequestHandler<RemoveMeeting, RemovedMeeting>
{
    public async Task<RemovedMeeting> Handle(RemoveMeeting request, CancellationToken cancellationToken)
    {
        var (meeting, organization) = await MeetingAccess.FindAsync(db, context, WorkflowPermissions.Write, request.MeetingId, forUpdate: true,
            cancellationToken);
        MeetingAccess.EnsureNotRemoved(meeting);
        MeetingAccess.EnsureVersion(meeting, request.Version);
        var version = await db.QuerySingleAsync<long>("""
            update workflow.meeting set removed_at = now(), removed_by = @removedBy, removed_reason = @reason, version = version + 1
            where id = @id returning version
            """, new { id = meeting.Id, removedBy = context.Principal.UserId, reason = request.Reason!.Trim() }, cancellationToken);
        var peoplesOrganizations = await db.QueryAsync<Guid>("""
            select distinct p.organization_id from workflow.meeting_attendance a join workflow.person p on p.id = a.person_id where a.meeting_id = @id
            """, new { id = meeting.Id }, cancellationToken);
        await MeetingWrites.RefreshTodosAsync(db, todos, organization.Id, peoplesOrganizations, cancellationToken);
        await db.PublishAsync(new MeetingRemoved(meeting.Id, organization.Id, request.Reason!.Trim()), cancellationToken);
        await MeetingPublications.PublishQuotasOfAsync(db, organization.Id, [meeting.HeldOn.Year], cancellationToken);
        return new RemovedMeeting(meeting.Id, version);
    }
}

internal static class RemoveMeetingEndpoint
{
    public static void MapRemoveMeeting(this IEndpointRouteBuilder api) =>
        api.MapPost("/meetings/{id:guid}/remove", (Guid id, RemoveMeetingBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RemoveMeeting(id, body.Version, body.Reason), ct))
            .WithName("RemoveMeeting").WithSummary("撤销误录的会议记录（保留记录与原因，不再计入统计）")
            .RequirePermission(WorkflowPermissions.Write);
}
