using RedSail.Modules.Archives.Contracts;

namespace RedSail.Modules.Archives.Features.RemoveCategory;

/// <summary>Deletes an empty category: one with subcategories or documents (even removed ones, which are kept) is refused (422).</summary>
internal sealed record RemoveCategory(Guid Id) : ICommand<Guid>
{
    public string AuditAction => "archives.categories.remove";
    public AuditTarget AuditTarget => new("category", Id.ToString());
}

internal sealed class RemoveCategoryHandler(ArchivesDb db) : IRequestHandler<RemoveCategory, Guid>
{
    public async Task<Guid> Handle(RemoveCategory request, CancellationToken cancellationToken)
    {
        var used = await db.QuerySingleOrDefaultAsync<bool?>("""
            select exists (select 1 from archives.category where parent_id = c.id) or exists (select 1 from archives.document where category_id = c.id)
                or exists (select 1 from archives.import_row where category_id = c.id)
            from archives.category c where c.id = @Id for update
            """, request, cancellationToken) ?? throw new NotFoundException("category", request.Id.ToString());
        if (used) throw new RuleViolationException("archives_category_in_use", "archives.categories.in_use");
        await db.ExecuteAsync("delete from archives.category where id = @Id", request, cancellationToken);
        return request.Id;
    }
}

internal static class RemoveCategoryEndpoint
{
    public static void MapRemoveCategory(this IEndpointRouteBuilder api) =>
        api.MapDelete("/categories/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new RemoveCategory(id), ct))
            .WithName("RemoveCategory").WithSummary("删除空的史料类别（有下级或史料时拒绝）")
            .RequirePermission(ArchivesPermissions.Write);
}
