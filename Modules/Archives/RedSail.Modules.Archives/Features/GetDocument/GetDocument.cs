using RedSail.BuildingBlocks.Audit;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Documents;

namespace RedSail.Modules.Archives.Features.GetDocument;

/// <summary>One document: its metadata, related organisations and people by name, and its files with all their versions.</summary>
internal sealed record GetDocument(Guid Id) : IQuery<DocumentDetail>;

internal sealed class GetDocumentHandler(ArchivesDb db, RequestContext context, AuditTrail audit) : IRequestHandler<GetDocument, DocumentDetail>
{
    public async Task<DocumentDetail> Handle(GetDocument request, CancellationToken cancellationToken)
    {
        await DocumentAccess.FindVisibleAsync(db, context, audit, request.Id, "archives.documents.read", cancellationToken);
        var detail = await db.QuerySingleAsync<DocumentDetail>(
            $"select {DocumentDetail.Columns} from archives.document d {DocumentSummary.Joins} where d.id = @Id", request, cancellationToken);
        detail.RelatedOrganizations = await db.QueryAsync<NamedReference>(
            "select id, name from archives.organization where id = any(@ids) order by path", new { ids = detail.RelatedOrganizationIds }, cancellationToken);
        detail.RelatedPeople = await db.QueryAsync<NamedReference>(
            "select id, name from archives.person where id = any(@ids) order by name", new { ids = detail.RelatedPersonIds }, cancellationToken);
        detail.Files = await DocumentFiles.ListAsync(db, request.Id, cancellationToken);
        return detail;
    }
}

internal static class GetDocumentEndpoint
{
    public static void MapGetDocument(this IEndpointRouteBuilder api) =>
        api.MapGet("/documents/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetDocument(id), ct))
            .WithName("GetDocument").WithSummary("史料详情：著录信息、相关组织与人员、文件及其全部版本（无权查看时 404 并记入审计）")
            .RequirePermission(ArchivesPermissions.Read);
}
