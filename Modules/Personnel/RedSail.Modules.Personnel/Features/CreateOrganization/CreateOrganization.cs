using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.Organizations;

namespace RedSail.Modules.Personnel.Features.CreateOrganization;

/// <summary>
/// Sets up an organisation under a parent in the caller's scope, where its type may sit (a party group under a
/// branch, a 团支部 under the 团委 …). Only the system itself (setup, CLI) creates a root.
/// </summary>
internal sealed record CreateOrganization(string? Code, string? Name, string? Type, Guid? ParentId, string? Unit, DateOnly? FoundedOn)
    : ICommand<OrganizationVersion>
{
    public string AuditAction => "personnel.organizations.create";
    public AuditTarget AuditTarget => new("organization", null, ParentId?.ToString());
}

internal sealed class CreateOrganizationValidator(RequestContext context, IClock clock) : IValidator<CreateOrganization>
{
    public void Validate(CreateOrganization request, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(request.Code)) errors.Add("code", "validation.required");
        else if (!OrganizationRules.IsValidCode(request.Code)) errors.Add("code", "organization.code_format");
        OrganizationTree.CheckName(request.Name, errors);
        if (string.IsNullOrWhiteSpace(request.Type)) errors.Add("type", "validation.required");
        else if (!OrganizationRules.IsKnownType(request.Type)) errors.Add("type", "organization.type_unknown", request.Type);
        if (request.ParentId is null)
        {
            if (!context.Principal.IsSystem) errors.Add("parentId", "validation.required");
            else if (request.Type != OrganizationRules.RootType) errors.Add("type", "organization.root_type");
        }
        errors.MaxLength("unit", request.Unit?.Trim(), 100);
        OrganizationTree.CheckNotFuture("foundedOn", request.FoundedOn, clock.Today, errors);
    }
}

internal sealed class CreateOrganizationHandler(PersonnelDb db, RequestContext context, MessageCatalog messages, IClock clock)
    : IRequestHandler<CreateOrganization, OrganizationVersion>
{
    private const string InsertSql = """
        insert into personnel.organization (id, parent_id, code, name, type, path, unit, founded_on)
        values (@id, @parentId, @code, @name, @type, @path::ltree, @unit, @foundedOn)
        on conflict (code) do nothing
        """;

    public async Task<OrganizationVersion> Handle(CreateOrganization request, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var path = OrganizationRules.Label(id);
        if (request.ParentId is { } parentId)
        {
            var parent = await OrganizationTree.LockPlaceAsync(db, context, parentId, "parentId", cancellationToken);
            OrganizationTree.EnsureMaySitUnder(request.Type!, parent, "parentId", messages);
            path = OrganizationRules.ChildPath(parent.Path, id);
        }
        var name = request.Name!.Trim();
        var unit = string.IsNullOrWhiteSpace(request.Unit) ? null : request.Unit.Trim();
        var inserted = await db.ExecuteAsync(InsertSql, new
        {
            id, parentId = request.ParentId, code = request.Code, name, type = request.Type, path, unit, foundedOn = request.FoundedOn,
        }, cancellationToken);
        if (inserted == 0) new ValidationErrors().Add("code", "organization.code_taken", request.Code!).ThrowIfAny();

        await OrganizationTree.RecordAsync(db, context,
        [
            new HistoryEntry(id, "created", request.FoundedOn ?? clock.Today, null, null,
                new { request.Code, Name = name, request.Type, request.ParentId, Unit = unit, request.FoundedOn }),
        ], cancellationToken);
        await db.PublishAsync(new OrganizationCreated(id, request.ParentId, request.Code!, name, request.Type!, path), cancellationToken);
        return new OrganizationVersion(id, 1);
    }
}

internal static class CreateOrganizationEndpoint
{
    public static void MapCreateOrganization(this IEndpointRouteBuilder api) =>
        api.MapPost("/organizations", async (CreateOrganization command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return Results.Created($"/api/personnel/organizations/{created.Id}", created);
            })
            .WithName("CreateOrganization").WithSummary("新建组织（须在所辖范围内指定上级组织，并符合组织类型设置规则）")
            .RequirePermission(PersonnelPermissions.Write);
}
