using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Meetings;

namespace RedSail.Modules.Workflow.Features.GetMeeting;

/// <summary>One meeting with its attendance (everyone of its roster, present first) and attachments; a removed one says when and why.</summary>
internal sealed record GetMeeting(Guid MeetingId) : IQuery<MeetingDetail>;

internal sealed record MeetingDetail(MeetingSummary Meeting, Guid? HostPersonId, Guid? RecorderPersonId, string? Resolutions, DateTime RecordedAt,
    DateTime? RemovedAt, string? RemovedReason, IReadOnlyList<AttendanceView> Attendance, IReadOnlyList<AttachmentView> Attachments);

internal sealed class AttendanceView
{
    public Guid PersonId { get; init; }
    public string Name { get; init; } = "";
    public string PartyStatus { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
}

internal sealed class AttachmentView
{
    public Guid Id { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public int Size { get; init; }
    public DateTime UploadedAt { get; init; }
}

internal sealed class GetMeetingHandler(WorkflowDb db, RequestContext context) : IRequestHandler<GetMeeting, MeetingDetail>
{
    public async Task<MeetingDetail> Handle(GetMeeting request, CancellationToken cancellationToken)
    {
        await MeetingAccess.FindAsync(db, context, WorkflowPermissions.Read, request.MeetingId, forUpdate: false, cancellationToken);
        using var grid = await db.QueryMultipleAsync($"""
            select {MeetingSummary.Columns} from workflow.meeting m join workflow.organization o on o.id = m.organization_id where m.id = @id;
            select host_person_id, recorder_person_id, resolutions, recorded_at, removed_at, removed_reason from workflow.meeting where id = @id;
            select a.person_id, coalesce(p.name, '') as name, coalesce(p.party_status, '') as party_status, a.status, a.reason
            from workflow.meeting_attendance a left join workflow.person p on p.id = a.person_id
            where a.meeting_id = @id
            order by case a.status when 'present' then 0 when 'excused' then 1 else 2 end, p.name collate "zh-x-icu", a.person_id;
            select id, file_name, content_type, size, uploaded_at from workflow.meeting_attachment where meeting_id = @id order by uploaded_at, id;
            """, new { id = request.MeetingId }, cancellationToken);
        var summary = await grid.ReadSingleAsync<MeetingSummary>();
        var more = await grid.ReadSingleAsync<Details>();
        var attendance = (await grid.ReadAsync<AttendanceView>()).ToList();
        var attachments = (await grid.ReadAsync<AttachmentView>()).ToList();
        return new MeetingDetail(summary, more.HostPersonId, more.RecorderPersonId, more.Resolutions, more.RecordedAt, more.RemovedAt, more.RemovedReason,
            attendance, attachments);
    }

    private sealed class Details
    {
        public Guid? HostPersonId { get; init; }
        public Guid? RecorderPersonId { get; init; }
        public string? Resolutions { get; init; }
        public DateTime RecordedAt { get; init; }
        public DateTime? RemovedAt { get; init; }
        public string? RemovedReason { get; init; }
    }
}

internal static class GetMeetingEndpoint
{
    public static void MapGetMeeting(this IEndpointRouteBuilder api) =>
        api.MapGet("/meetings/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetMeeting(id), ct))
            .WithName("GetMeeting").WithSummary("会议详情：基本要素、出席/请假/缺席名单、决议、附件")
            .RequirePermission(WorkflowPermissions.Read);
}
