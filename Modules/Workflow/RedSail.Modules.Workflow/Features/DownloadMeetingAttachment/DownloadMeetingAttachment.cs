using RedSail.BuildingBlocks.Audit;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Meetings;

namespace RedSail.Modules.Workflow.Features.DownloadMeetingAttachment;

/// <summary>A meeting's attachment, for whoever may read the meeting; every download is audited.</summary>
internal sealed record DownloadMeetingAttachment(Guid MeetingId, Guid AttachmentId) : IQuery<AttachmentContent>;

internal sealed class AttachmentContent
{
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public byte[] Content { get; init; } = [];
}

internal sealed class DownloadMeetingAttachmentHandler(WorkflowDb db, RequestContext context) : IRequestHandler<DownloadMeetingAttachment, AttachmentContent>
{
    public async Task<AttachmentContent> Handle(DownloadMeetingAttachment request, CancellationToken cancellationToken)
    {
        await MeetingAccess.FindAsync(db, context, WorkflowPermissions.Read, request.MeetingId, forUpdate: false, cancellationToken);
        return await db.QuerySingleOrDefaultAsync<AttachmentContent>(
                   "select file_name, content_type, content from workflow.meeting_attachment where id = @AttachmentId and meeting_id = @MeetingId",
                   request, cancellationToken)
               ?? throw new NotFoundException("meeting_attachment", request.AttachmentId.ToString());
    }
}

internal static class DownloadMeetingAttachmentEndpoint
{
    public static void MapDownloadMeetingAttachment(this IEndpointRouteBuilder api) =>
        api.MapGet("/meetings/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, IMediator mediator, AuditTrail audit,
                RequestContext context, CancellationToken ct) =>
            {
                var file = await mediator.Send(new DownloadMeetingAttachment(id, attachmentId), ct);
                await audit.RecordAsync(context, new AuditEntry("workflow.meetings.attachment.download", AuditResult.Success, "meeting_attachment",
                    attachmentId.ToString(), null, $"meeting={id}"), ct);
                return Results.File(file.Content, file.ContentType, file.FileName);
            })
            .WithName("DownloadMeetingAttachment").WithSummary("下载会议附件（记入审计日志）")
            .RequirePermission(WorkflowPermissions.Read);
}
