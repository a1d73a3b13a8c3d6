using RedSail.Modules.Archives.Contracts;

namespace RedSail.Modules.Archives.Features.ListCategories;

/// <summary>The archive's category tree, flat (parent ids), siblings in their order; the UI builds the tree.</summary>
internal sealed record ListCategories : IQuery<IReadOnlyList<CategoryNode>>;

internal sealed class CategoryNode
{
    public Guid Id { get; init; }
    public Guid? ParentId { get; init; }
    public string Name { get; init; } = "";
    public int Sort { get; init; }
}

internal sealed class ListCategoriesHandler(ArchivesDb db) : IRequestHandler<ListCategories, IReadOnlyList<CategoryNode>>
{
    public Task<IReadOnlyList<CategoryNode>> Handle(ListCategories request, CancellationToken cancellationToken) =>
        db.QueryAsync<CategoryNode>("select id, parent_id, name, sort from archives.category order by sort, name", null, cancellationToken);
}

internal static class ListCategoriesEndpoint
{
    public static void MapListCategories(this IEndpointRouteBuilder api) =>
        api.MapGet("/categories", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListCategories(), ct))
            .WithName("ListCategories").WithSummary("史料类别树（扁平列表，含上级）")
            .RequirePermission(ArchivesPermissions.Read);
}
