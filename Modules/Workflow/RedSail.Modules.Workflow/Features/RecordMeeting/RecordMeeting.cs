using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Meetings;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.RecordMeeting;

/// <summary>
/// Records a meeting of organisational life after it was held, in one quick form (<see cref="MeetingForm"/>): everyone on the
/// roster not ticked present is absent unless excused with a reason. A meeting below its quorum is recorded and flagged
/// (<see cref="RecordedMeeting.QuorumMet"/> false, with a warning). The branch's quota to-do and its members' absence alerts
/// follow in the same transaction.
/// </summary>
internal sealed record RecordMeeting(Guid OrganizationId, MeetingForm? Meeting) : ICommand<RecordedMeeting>
{
    public string AuditAction => "workflow.meetings.record";
    public AuditTarget AuditTarget => new("meeting", null, OrganizationId.ToString());
}

internal sealed record RecordedMeeting(Guid Id, long Version, int Expected, int Present, bool QuorumRequired, bool? QuorumMet, int QuorumEntitled,
    int QuorumPresent, string? Warning) : IAuditedResult
{
    AuditTarget? IAuditedResult.AuditTarget => new("meeting", Id.ToString());
}

internal sealed class RecordMeetingValidator(IClock clock) : IValidator<RecordMeeting>
{
    public void Validate(RecordMeeting request, ValidationErrors errors)
    {
        if (request.OrganizationId == Guid.Empty) errors.Add("organizationId", "validation.required");
        if (request.Meeting is null) errors.Add("meeting", "validation.required");
        else request.Meeting.Check(clock.Today, errors);
    }
}

internal sealed class RecordMeetingHandler(WorkflowDb db, RequestContext context, TodoBook todos, MessageCatalog messages)
    : IRequestHandler<RecordMeeting, RecordedMeeting>
{
    public async Task<RecordedMeeting> Handle(RecordMeeting request, CancellationToken cancellationToken)
    {
        var form = request.Meeting!;
        var organization = await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Write, request.OrganizationId, cancellationToken);
        MeetingWrites.EnsureHeldBy(organization, form.Type!);
        var roster = await Roster.OfAsync(db, organization.Id, cancellationToken);
        var attendance = MeetingWrites.Attendance(form, roster);
        var quorum = await MeetingWrites.QuorumAsync(db, messages, organization.Id, form, attendance, roster, cancellationToken);
        var id = Guid.CreateVersion7();
        var present = attendance.Count(a => a.Status == AttendanceEntry.Present);
        await db.ExecuteAsync("""
            insert into workflow.meeting (id, organization_id, type, held_on, starts_at, ends_at, place, host_person_id, host_name,
                recorder_person_id, recorder_name, topic, resolutions, expected, present, quorum_required, quorum_met, recorded_by)
            values (@id, @organizationId, @Type, @heldOn, @startsAt, @endsAt, @place, @HostPersonId, @hostName,
                @RecorderPersonId, @recorderName, @topic, @resolutions, @expected, @present, @quorumRequired, @quorumMet, @recordedBy)
            """, new
            {
                id, organizationId = organization.Id, form.Type, heldOn = form.HeldOn, startsAt = form.StartsAt!.Value.UtcDateTime,
                endsAt = form.EndsAt?.UtcDateTime, place = form.Place!.Trim(), form.HostPersonId, hostName = MeetingWrites.NameOf(form.HostPersonId, form.HostName, roster),
                form.RecorderPersonId, recorderName = MeetingWrites.NameOf(form.RecorderPersonId, form.RecorderName, roster), topic = form.Topic!.Trim(),
                resolutions = string.IsNullOrWhiteSpace(form.Resolutions) ? null : form.Resolutions.Trim(), expected = roster.Count, present,
                quorumRequired = quorum.Required, quorumMet = quorum.Met, recordedBy = context.Principal.UserId,
            }, cancellationToken);
        await MeetingWrites.SaveAttendanceAsync(db, id, organization.Id, form.HeldOn, attendance, cancellationToken);
        await MeetingWrites.RefreshTodosAsync(db, todos, organization.Id, roster.Select(r => r.OrganizationId), cancellationToken);
        await MeetingPublications.PublishRecordedAsync(db, [id], cancellationToken);
        await MeetingPublications.PublishQuotasOfAsync(db, organization.Id, [form.HeldOn.Year], cancellationToken);
        return new RecordedMeeting(id, 1, roster.Count, present, quorum.Required, quorum.Met, quorum.Entitled, quorum.EntitledPresent, quorum.Warning);
    }
}

internal static class RecordMeetingEndpoint
{
    public static void MapRecordMeeting(this IEndpointRouteBuilder api) =>
        api.MapPost("/meetings", async (RecordMeeting command, IMediator mediator, CancellationToken ct) =>
            {
                var recorded = await mediator.Send(command, ct);
                return Results.Created($"/api/workflow/meetings/{recorded.Id}", recorded);
            })
            .WithName("RecordMeeting").WithSummary("记录组织生活（三会一课等）：类型、时间、地点、主持人、记录人、议题、出席与请假、决议；按规则检查到会人数")
            .RequirePermission(WorkflowPermissions.Write);
}
