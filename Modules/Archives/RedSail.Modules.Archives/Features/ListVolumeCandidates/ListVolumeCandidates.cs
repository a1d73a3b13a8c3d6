using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;

namespace RedSail.Modules.Archives.Features.ListVolumeCandidates;

// Stand-in for the documents list API (GET /api/archives/documents?title=, the documents engineer's): the volume editor's
// document picker may move to it once it exists.

/// <summary>Archived documents the compiler may see whose title contains the words typed, newest first, to put into a volume.</summary>
internal sealed record ListVolumeCandidates(string? Title, int Page = 1, int PageSize = 20) : IQuery<Paged<VolumeCandidate>>;

internal sealed class VolumeCandidate
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string? DocNumber { get; init; }
    public DateOnly IssuedOn { get; init; }
    public string IssuingBody { get; init; } = "";
    public int SecurityLevel { get; init; }
}

internal sealed class ListVolumeCandidatesHandler(ArchivesDb db, RequestContext context) : IRequestHandler<ListVolumeCandidates, Paged<VolumeCandidate>>
{
    public async Task<Paged<VolumeCandidate>> Handle(ListVolumeCandidates request, CancellationToken cancellationToken)
    {
        var page = Paging.Of(request.Page, request.PageSize);
        var title = string.IsNullOrWhiteSpace(request.Title) ? null : "%" + Paging.EscapeLike(request.Title.Trim()) + "%";
        var filter = $"from archives.document d where d.removed_at is null and (@title::text is null or d.title ilike @title) and {ArchivesScope.Visible("d")}";
        using var grid = await db.QueryMultipleAsync($"""
            select count(*) {filter};
            select d.id, d.title, d.doc_number, d.issued_on, d.issuing_body, d.security_level::int as security_level
            {filter} order by d.issued_on desc, d.id limit @limit offset @offset;
            """, ArchivesScope.Parameters(context, new { title, limit = page.Limit, offset = page.Offset }), cancellationToken);
        var total = await grid.ReadSingleAsync<long>();
        return new Paged<VolumeCandidate>((await grid.ReadAsync<VolumeCandidate>()).ToList(), total, page.Page, page.PageSize);
    }
}

internal static class ListVolumeCandidatesEndpoint
{
    public static void MapListVolumeCandidates(this IEndpointRouteBuilder api) =>
        api.MapGet("/volume-candidates", (string? title, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListVolumeCandidates(title, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListVolumeCandidates").WithSummary("编辑汇编册时按标题查找可加入的文件（分页）")
            .RequirePermission(ArchivesPermissions.Write);
}
