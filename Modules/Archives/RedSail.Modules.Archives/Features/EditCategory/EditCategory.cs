using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.AddCategory;

namespace RedSail.Modules.Archives.Features.EditCategory;

/// <summary>Renames, reorders or moves a category (with its subtree and documents).</summary>
internal sealed record EditCategory(Guid Id, Guid? ParentId, string Name, int Sort) : ICommand<Guid>
{
    public string AuditAction => "archives.categories.edit";
    public AuditTarget AuditTarget => new("category", Id.ToString());
}

internal sealed record EditCategoryBody(Guid? ParentId, string Name, int Sort);

internal sealed class EditCategoryValidator : IValidator<EditCategory>
{
    public void Validate(EditCategory request, ValidationErrors errors) => errors.RequiredMax("name", request.Name, 100);
}

internal sealed class EditCategoryHandler(ArchivesDb db) : IRequestHandler<EditCategory, Guid>
{
    public async Task<Guid> Handle(EditCategory request, CancellationToken cancellationToken)
    {
        if (!await db.ExecuteScalarAsync<bool>("select exists (select 1 from archives.category where id = @Id for update)", request, cancellationToken))
            throw new NotFoundException("category", request.Id.ToString());
        await CategoryRules.EnsurePlacementAsync(db, request.Id, request.ParentId, request.Name, cancellationToken);
        await db.ExecuteAsync("update archives.category set parent_id = @ParentId, name = @name, sort = @Sort where id = @Id",
            new { request.Id, request.ParentId, name = request.Name.Trim(), request.Sort }, cancellationToken);
        return request.Id;
    }
}

internal static class EditCategoryEndpoint
{
    public static void MapEditCategory(this IEndpointRouteBuilder api) =>
        api.MapPut("/categories/{id:guid}", (Guid id, EditCategoryBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new EditCategory(id, body.ParentId, body.Name, body.Sort), ct))
            .WithName("EditCategory").WithSummary("修改史料类别（名称、排序、上级）")
            .RequirePermission(ArchivesPermissions.Write);
}
