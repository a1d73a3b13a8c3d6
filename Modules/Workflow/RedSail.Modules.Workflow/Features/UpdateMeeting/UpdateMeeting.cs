using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Meetings;
using RedSail.Modules.Workflow.Features.RecordMeeting;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.UpdateMeeting;

/// <summary>
/// Corrects a recorded meeting against the version the editor read (stale: 409 with the current one). Its organisation stays;
/// the attendance is of the roster it was recorded with (people who joined since were not expected then). The quorum is checked again.
/// </summary>
internal sealed record UpdateMeeting(Guid MeetingId, long Version, MeetingForm? Meeting) : ICommand<RecordedMeeting>
{
    public string AuditAction => "workflow.meetings.update";
    public AuditTarget AuditTarget => new("meeting", MeetingId.ToString());
}

internal sealed record UpdateMeetingBody(long Version, MeetingForm? Meeting);

internal sealed class UpdateMeetingValidator(IClock clock) : IValidator<UpdateMeeting>
{
    public void Validate(UpdateMeeting request, ValidationErrors errors)
    {
        if (request.Meeting is null) errors.Add("meeting", "validation.required");
        else request.Meeting.Check(clock.Today, errors);
    }
}

internal sealed class UpdateMeetingHandler(WorkflowDb db, RequestContext context, TodoBook todos, MessageCatalog messages)
    : IRequestHandler<UpdateMeeting, RecordedMeeting>
{
    public async Task<RecordedMeeting> Handle(UpdateMeeting request, CancellationToken cancellationToken)
    {
        var form = request.Meeting!;
        var (meeting, organization) = await MeetingAccess.FindAsync(db, context, WorkflowPermissions.Write, request.MeetingId, forUpdate: true,
            cancellationToken);
        MeetingAccess.EnsureNotRemoved(meeting);
        MeetingAccess.EnsureVersion(meeting, request.Version);
        MeetingWrites.EnsureHeldBy(organization, form.Type!);
        var roster = await db.QueryAsync<RosterMember>(Roster.OfMeetingSql, new { meetingId = meeting.Id }, cancellationToken);
        var attendance = MeetingWrites.Attendance(form, roster);
        var quorum = await MeetingWrites.QuorumAsync(db, messages, organization.Id, form, attendance, roster, cancellationToken);
        var present = attendance.Count(a => a.Status == AttendanceEntry.Present);
        var version = await db.QuerySingleAsync<long>("""
            update workflow.meeting
            set type = @Type, held_on = @heldOn, starts_at = @startsAt, ends_at = @endsAt, place = @place, host_person_id = @HostPersonId,
                host_name = @hostName, recorder_person_id = @RecorderPersonId, recorder_name = @recorderName, topic = @topic,
                resolutions = @resolutions, present = @present, quorum_required = @quorumRequired, quorum_met = @quorumMet,
                updated_at = now(), updated_by = @updatedBy, version = version + 1
            where id = @id
            returning version
            """, new
            {
                id = meeting.Id, form.Type, heldOn = form.HeldOn, startsAt = form.StartsAt!.Value.UtcDateTime, endsAt = form.EndsAt?.UtcDateTime,
                place = form.Place!.Trim(), form.HostPersonId, hostName = MeetingWrites.NameOf(form.HostPersonId, form.HostName, roster),
                form.RecorderPersonId, recorderName = MeetingWrites.NameOf(form.RecorderPersonId, form.RecorderName, roster), topic = form.Topic!.Trim(),
                resolutions = string.IsNullOrWhiteSpace(form.Resolutions) ? null : form.Resolutions.Trim(), present,
                quorumRequired = quorum.Required, quorumMet = quorum.Met, updatedBy = context.Principal.UserId,
            }, cancellationToken);
        await MeetingWrites.SaveAttendanceAsync(db, meeting.Id, organization.Id, form.HeldOn, attendance, cancellationToken);
        await MeetingWrites.RefreshTodosAsync(db, todos, organization.Id, roster.Select(r => r.OrganizationId), cancellationToken);
        await MeetingPublications.PublishRecordedAsync(db, [meeting.Id], cancellationToken);
        await MeetingPublications.PublishQuotasOfAsync(db, organization.Id, [meeting.HeldOn.Year, form.HeldOn.Year], cancellationToken);
        return new RecordedMeeting(meeting.Id, version, roster.Count, present, quorum.Required, quorum.Met, quorum.Entitled, quorum.EntitledPresent,
            quorum.Warning);
    }
}

internal static class UpdateMeetingEndpoint
{
    public static void MapUpdateMeeting(this IEndpointRouteBuilder api) =>
        api.MapPut("/meetings/{id:guid}", (Guid id, UpdateMeetingBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdateMeeting(id, body.Version, body.Meeting), ct))
            .WithName("UpdateMeeting").WithSummary("修改会议记录（乐观并发：版本过期返回 409）")
            .RequirePermission(WorkflowPermissions.Write);
}
