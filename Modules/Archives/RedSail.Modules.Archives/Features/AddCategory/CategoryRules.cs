namespace RedSail.Modules.Archives.Features.AddCategory;

/// <summary>Where a category may sit: under an existing parent, not under itself or its own descendants, its name unique among siblings.</summary>
internal static class CategoryRules
{
    public static async Task EnsurePlacementAsync(ArchivesDb db, Guid? categoryId, Guid? parentId, string name, CancellationToken ct)
    {
        var check = await db.QuerySingleAsync<Placement>("""
            select (@parentId::uuid is null or exists (select 1 from archives.category where id = @parentId)) as parent_exists,
                   (@categoryId::uuid is not null and @parentId::uuid is not null and @parentId in (
                       with recursive sub as (select id from archives.category where id = @categoryId
                           union all select c.id from archives.category c join sub on c.parent_id = sub.id) select id from sub)) as cycle,
                   exists (select 1 from archives.category where parent_id is not distinct from @parentId and name = @name
                           and id is distinct from @categoryId) as duplicate
            """, new { categoryId, parentId, name = name.Trim() }, ct);
        var errors = new ValidationErrors();
        if (!check.ParentExists) errors.Add("parentId", "archives.documents.category_unknown");
        if (check.Cycle) errors.Add("parentId", "archives.categories.cycle");
        if (check.Duplicate) errors.Add("name", "archives.categories.duplicate", name.Trim());
        errors.ThrowIfAny();
    }

    private sealed class Placement
    {
        public bool ParentExists { get; init; }
        public bool Cycle { get; init; }
        public bool Duplicate { get; init; }
    }
}
