using RedSail.Modules.Archives.Contracts;

namespace RedSail.Modules.Archives.Features.AddCategory;

/// <summary>Adds a category under <see cref="ParentId"/> (or at the top); names are unique among siblings.</summary>
internal sealed record AddCategory(Guid? ParentId, string Name, int Sort) : ICommand<AddedCategory>
{
    public string AuditAction => "archives.categories.add";
}

internal sealed record AddedCategory(Guid Id) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("category", Id.ToString());
}

internal sealed class AddCategoryValidator : IValidator<AddCategory>
{
    public void Validate(AddCategory request, ValidationErrors errors) => errors.RequiredMax("name", request.Name, 100);
}

internal sealed class AddCategoryHandler(ArchivesDb db) : IRequestHandler<AddCategory, AddedCategory>
{
    public async Task<AddedCategory> Handle(AddCategory request, CancellationToken cancellationToken)
    {
        await CategoryRules.EnsurePlacementAsync(db, null, request.ParentId, request.Name, cancellationToken);
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("insert into archives.category (id, parent_id, name, sort) values (@id, @ParentId, @name, @Sort)",
            new { id, request.ParentId, name = request.Name.Trim(), request.Sort }, cancellationToken);
        return new AddedCategory(id);
    }
}

internal static class AddCategoryEndpoint
{
    public static void MapAddCategory(this IEndpointRouteBuilder api) =>
        api.MapPost("/categories", async (AddCategory command, IMediator mediator, CancellationToken ct) =>
            {
                var added = await mediator.Send(command, ct);
                return Results.Created($"/api/archives/categories/{added.Id}", added);
            })
            .WithName("AddCategory").WithSummary("新增史料类别")
            .RequirePermission(ArchivesPermissions.Write);
}
