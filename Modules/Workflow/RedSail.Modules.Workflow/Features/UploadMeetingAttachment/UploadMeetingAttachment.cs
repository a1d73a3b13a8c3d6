using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Meetings;

namespace RedSail.Modules.Workflow.Features.UploadMeetingAttachment;

/// <summary>Attaches a file to a meeting (minutes, sign-in sheet, photo): <see cref="AttachmentFile"/> says which files are accepted.</summary>
internal sealed record UploadMeetingAttachment(Guid MeetingId, string FileName, byte[] Content) : ICommand<UploadedAttachment>
{
    public string AuditAction => "workflow.meetings.attachment.upload";
    public AuditTarget AuditTarget => new("meeting", MeetingId.ToString());
}

internal sealed record UploadedAttachment(Guid Id, string FileName, string ContentType, int Size) : IAuditedResult
{
    AuditTarget? IAuditedResult.AuditTarget => new("meeting_attachment", Id.ToString());
}

internal sealed class UploadMeetingAttachmentValidator : IValidator<UploadMeetingAttachment>
{
    public void Validate(UploadMeetingAttachment request, ValidationErrors errors) => errors.RequiredMax("file", request.FileName, 255);
}

internal sealed class UploadMeetingAttachmentHandler(WorkflowDb db, RequestContext context) : IRequestHandler<UploadMeetingAttachment, UploadedAttachment>
{
    public async Task<UploadedAttachment> Handle(UploadMeetingAttachment request, CancellationToken cancellationToken)
    {
        var contentType = AttachmentFile.Detect(request.Content);
        var (meeting, _) = await MeetingAccess.FindAsync(db, context, WorkflowPermissions.Write, request.MeetingId, forUpdate: false, cancellationToken);
        MeetingAccess.EnsureNotRemoved(meeting);
        var id = Guid.CreateVersion7();
        var fileName = Path.GetFileName(request.FileName.Trim());
        await db.ExecuteAsync("""
            insert into workflow.meeting_attachment (id, meeting_id, file_name, content_type, size, sha256, content, uploaded_by)
            values (@id, @meetingId, @fileName, @contentType, @size, @sha256, @content, @uploadedBy)
            """, new
            {
                id, meetingId = meeting.Id, fileName, contentType, size = request.Content.Length, sha256 = SHA256.HashData(request.Content),
                content = request.Content, uploadedBy = context.Principal.UserId,
            }, cancellationToken);
        return new UploadedAttachment(id, fileName, contentType, request.Content.Length);
    }
}

internal static class UploadMeetingAttachmentEndpoint
{
    public static void MapUploadMeetingAttachment(this IEndpointRouteBuilder api) =>
        api.MapPost("/meetings/{id:guid}/attachments", async (Guid id, HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                var (fileName, content) = await UploadedForm.ReadAsync(http, AttachmentFile.MaxBytes,
                    UploadedForm.FieldTooLarge("workflow.meetings.file_too_large", AttachmentFile.MaxBytes), ct);
                var uploaded = await mediator.Send(new UploadMeetingAttachment(id, fileName, content), ct);
                return Results.Created($"/api/workflow/meetings/{id}/attachments/{uploaded.Id}", uploaded);
            })
            .WithName("UploadMeetingAttachment").WithSummary("上传会议附件（PDF、Word、Excel、PNG、JPEG，20 MB 以内）")
            .WithMetadata(new RequestSizeLimitAttribute(AttachmentFile.MaxBytes + 64 * 1024))
            .RequirePermission(WorkflowPermissions.Write);
}
