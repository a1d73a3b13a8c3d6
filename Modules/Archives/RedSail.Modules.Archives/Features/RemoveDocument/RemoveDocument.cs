using RedSail.BuildingBlocks.Audit;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Documents;
using RedSail.Modules.Archives.Features.Search;

namespace RedSail.Modules.Archives.Features.RemoveDocument;

/// <summary>Takes a document out of the archive with a reason; the row and its files are kept (removed_at), never deleted.</summary>
internal sealed record RemoveDocument(Guid Id, long Version, string Reason) : ICommand<RemovedDocument>
{
    public string AuditAction => "archives.documents.remove";
    public AuditTarget AuditTarget => new("document", Id.ToString());
}

internal sealed record RemovedDocument(Guid Id, long Version);

internal sealed record RemoveDocumentBody(long Version, string Reason);

internal sealed class RemoveDocumentValidator : IValidator<RemoveDocument>
{
    public void Validate(RemoveDocument request, ValidationErrors errors) => errors.RequiredMax("reason", request.Reason, 500);
}

internal sealed class RemoveDocumentHandler(ArchivesDb db, RequestContext context, AuditTrail audit, IClock clock)
    : IRequestHandler<RemoveDocument, RemovedDocument>
{
    public async Task<RemovedDocument> Handle(RemoveDocument request, CancellationToken cancellationToken)
    {
        var current = await DocumentAccess.FindWritableAsync(db, context, audit, request.Id, request.AuditAction, cancellationToken);
        if (current.Version != request.Version) throw new ConcurrencyException(current.Version);
        await db.ExecuteAsync("""
            update archives.document set removed_at = @now, removed_by = @userId, removed_reason = @reason, version = version + 1 where id = @id
            """, new { id = request.Id, now = clock.UtcNow, userId = context.Principal.UserId, reason = request.Reason.Trim() }, cancellationToken);
        await SearchIndex.RefreshAsync(db, [request.Id], cancellationToken);
        return new RemovedDocument(request.Id, current.Version + 1);
    }
}

internal static class RemoveDocumentEndpoint
{
    public static void MapRemoveDocument(this IEndpointRouteBuilder api) =>
        api.MapPost("/documents/{id:guid}/remove", (Guid id, RemoveDocumentBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RemoveDocument(id, body.Version, body.Reason), ct))
            .WithName("RemoveDocument").WithSummary("撤下史料（填写原因；记录与文件保留，不再显示与检索）")
            .RequirePermission(ArchivesPermissions.Write);
}
