using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.DownloadEvaluationAttachment;

/// <summary>A 述职 report's file, for whoever may read the branch that submitted it.</summary>
internal sealed record DownloadEvaluationAttachment(Guid AttachmentId) : IQuery<EvaluationAttachmentFile>;

internal sealed class EvaluationAttachmentFile
{
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public byte[] Content { get; init; } = [];
}

internal sealed class DownloadEvaluationAttachmentHandler(WorkflowDb db, RequestContext context)
    : IRequestHandler<DownloadEvaluationAttachment, EvaluationAttachmentFile>
{
    public async Task<EvaluationAttachmentFile> Handle(DownloadEvaluationAttachment q, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<EvaluationAttachmentFile>($"""
            select a.file_name, a.content_type, a.content
            from workflow.evaluation_attachment a join workflow.organization o on o.id = a.organization_id
            where a.id = @AttachmentId and {WorkflowScope.Within("o")}
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read), q), ct)
        ?? throw new NotFoundException("evaluation_attachment", q.AttachmentId.ToString());
}

internal static class DownloadEvaluationAttachmentEndpoint
{
    public static void MapDownloadEvaluationAttachment(this IEndpointRouteBuilder api) =>
        api.MapGet("/evaluations/attachments/{attachmentId:guid}", async (Guid attachmentId, IMediator mediator, CancellationToken ct) =>
            {
                var file = await mediator.Send(new DownloadEvaluationAttachment(attachmentId), ct);
                return Results.File(file.Content, file.ContentType, file.FileName);
            })
            .WithName("DownloadEvaluationAttachment").WithSummary("下载述职报告附件")
            .RequirePermission(WorkflowPermissions.Read);
}
