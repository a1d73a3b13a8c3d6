using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Documents;

namespace RedSail.Modules.Archives.Features.ListDocuments;

/// <summary>
/// The documents the caller may see (<see cref="ArchivesScope"/>), newest first and paged: in a category and its
/// subcategories, issued between two dates, by an issuing body (part of its name), of an organisation's subtree, with part of
/// a title (the volume editor picks documents by it).
/// </summary>
internal sealed record ListDocuments(Guid? CategoryId, DateOnly? IssuedFrom, DateOnly? IssuedTo, string? IssuingBody, Guid? OrganizationId,
    int Page = 1, int PageSize = 20, string? Title = null) : IQuery<Paged<DocumentSummary>>;

internal sealed class ListDocumentsValidator : IValidator<ListDocuments>
{
    public void Validate(ListDocuments q, ValidationErrors errors)
    {
        if (q.IssuedFrom > q.IssuedTo) errors.Add("issuedTo", "archives.documents.range_reversed");
    }
}

internal sealed class ListDocumentsHandler(ArchivesDb db, RequestContext context) : IRequestHandler<ListDocuments, Paged<DocumentSummary>>
{
    public async Task<Paged<DocumentSummary>> Handle(ListDocuments q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var where = $"""
            {ArchivesScope.Visible("d")}
            and (@categoryId::uuid is null or d.category_id in (with recursive sub as (select id from archives.category where id = @categoryId
                union all select c.id from archives.category c join sub on c.parent_id = sub.id) select id from sub))
            and (@issuedFrom::date is null or d.issued_on >= @issuedFrom) and (@issuedTo::date is null or d.issued_on <= @issuedTo)
            and (@issuingBody::text is null or d.issuing_body ilike '%' || @issuingBody || '%')
            and (@title::text is null or d.title ilike '%' || @title || '%')
            and (@organizationId::uuid is null or exists (select 1 from archives.organization fo join archives.organization fr on fr.id = @organizationId
                where fo.id = d.organization_id and fo.path <@ fr.path))
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select count(*) from archives.document d where {where};
            select {DocumentSummary.Columns} from archives.document d {DocumentSummary.Joins}
            where {where}
            order by d.issued_on desc, d.recorded_at desc, d.id
            limit @Limit offset @Offset;
            """, ArchivesScope.Parameters(context, new
        {
            q.CategoryId, q.IssuedFrom, q.IssuedTo, issuingBody = string.IsNullOrWhiteSpace(q.IssuingBody) ? null : Paging.EscapeLike(q.IssuingBody.Trim()),
            q.OrganizationId, paging.Limit, paging.Offset, title = string.IsNullOrWhiteSpace(q.Title) ? null : Paging.EscapeLike(q.Title.Trim()),
        }), cancellationToken);
        var total = await grid.ReadSingleAsync<long>();
        return new Paged<DocumentSummary>((await grid.ReadAsync<DocumentSummary>()).ToList(), total, paging.Page, paging.PageSize);
    }
}

internal static class ListDocumentsEndpoint
{
    public static void MapListDocuments(this IEndpointRouteBuilder api) =>
        api.MapGet("/documents", (Guid? categoryId, DateOnly? issuedFrom, DateOnly? issuedTo, string? issuingBody, Guid? organizationId, string? title,
                int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListDocuments(categoryId, issuedFrom, issuedTo, issuingBody, organizationId, page ?? 1, pageSize ?? 20, title), ct))
            .WithName("ListDocuments").WithSummary("史料列表：类别（含下级）、日期范围、发文机关、组织（含下级）、标题，按日期倒序分页")
            .RequirePermission(ArchivesPermissions.Read);
}
