using RedSail.Platform.Access;

namespace RedSail.Platform.Features.OaProvisioning;

/// <summary>The OA departments and the RedSail organisations they stand for (where provisioned accounts get their role).</summary>
public sealed record ListOaDepartments : IQuery<IReadOnlyList<OaDepartmentView>>;

public sealed class OaDepartmentView
{
    public string DepartmentCode { get; init; } = "";
    public string DepartmentName { get; init; } = "";
    public Guid OrganizationId { get; init; }
    public string? OrganizationName { get; init; }
    public DateTime UpdatedAt { get; init; }
}

internal sealed class ListOaDepartmentsHandler(PlatformDb db) : IRequestHandler<ListOaDepartments, IReadOnlyList<OaDepartmentView>>
{
    public Task<IReadOnlyList<OaDepartmentView>> Handle(ListOaDepartments request, CancellationToken cancellationToken) =>
        db.QueryAsync<OaDepartmentView>("""
            select m.department_code, m.department_name, m.organization_id, o.name as organization_name, m.updated_at
            from platform.oa_department_map m left join platform.organization o on o.id = m.organization_id
            order by m.department_code
            """, ct: cancellationToken);
}

/// <summary>Maps (or re-maps) an OA department to an active organisation.</summary>
public sealed record MapOaDepartment(string? DepartmentCode, string? DepartmentName, Guid? OrganizationId) : ICommand<Unit>
{
    public string AuditAction => "platform.oa.department_map";
    public AuditTarget AuditTarget => new("oa_department", DepartmentCode, OrganizationId?.ToString());
}

internal sealed class MapOaDepartmentValidator : IValidator<MapOaDepartment>
{
    public void Validate(MapOaDepartment request, ValidationErrors errors)
    {
        errors.RequiredMax("departmentCode", request.DepartmentCode, 64).RequiredMax("departmentName", request.DepartmentName, 128);
        if (request.OrganizationId is null) errors.Add("organizationId", "validation.required");
    }
}

internal sealed class MapOaDepartmentHandler(PlatformDb db, RequestContext context, IClock clock) : IRequestHandler<MapOaDepartment, Unit>
{
    public async Task<Unit> Handle(MapOaDepartment request, CancellationToken cancellationToken)
    {
        if (!await db.ExecuteScalarAsync<bool>("select exists (select 1 from platform.organization where id = @OrganizationId and status = 'active')",
                new { request.OrganizationId }, cancellationToken))
            new ValidationErrors().Add("organizationId", "role.organization_unknown").ThrowIfAny();
        await db.ExecuteAsync("""
            insert into platform.oa_department_map (department_code, department_name, organization_id, updated_at, updated_by)
            values (@code, @name, @OrganizationId, @now, @by)
            on conflict (department_code) do update
                set department_name = excluded.department_name, organization_id = excluded.organization_id,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new
        {
            code = request.DepartmentCode!.Trim(), name = request.DepartmentName!.Trim(), request.OrganizationId, now = clock.UtcNow,
            by = context.Principal.UserId,
        }, cancellationToken);
        return Unit.Value;
    }
}

public sealed record UnmapOaDepartment(string DepartmentCode) : ICommand<Unit>
{
    public string AuditAction => "platform.oa.department_unmap";
    public AuditTarget AuditTarget => new("oa_department", DepartmentCode);
}

internal sealed class UnmapOaDepartmentHandler(PlatformDb db) : IRequestHandler<UnmapOaDepartment, Unit>
{
    public async Task<Unit> Handle(UnmapOaDepartment request, CancellationToken cancellationToken)
    {
        if (await db.ExecuteAsync("delete from platform.oa_department_map where department_code = @DepartmentCode", request, cancellationToken) == 0)
            throw new NotFoundException("oa_department", request.DepartmentCode);
        return Unit.Value;
    }
}

internal static class OaDepartmentMapEndpoints
{
    public static void MapOaDepartmentMap(this IEndpointRouteBuilder api)
    {
        api.MapGet("/oa/departments", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListOaDepartments(), ct))
            .WithName("ListOaDepartments").WithSummary("OA 部门与本系统组织的对应关系").RequirePermission(PlatformPermissions.Users);
        api.MapPut("/oa/departments", async (MapOaDepartment command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return Results.NoContent();
            })
            .WithName("MapOaDepartment").WithSummary("设置 OA 部门对应的组织").RequirePermission(PlatformPermissions.Users);
        api.MapDelete("/oa/departments/{code}", async (string code, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new UnmapOaDepartment(code), ct);
                return Results.NoContent();
            })
            .WithName("UnmapOaDepartment").WithSummary("删除 OA 部门对应关系").RequirePermission(PlatformPermissions.Users);
    }
}
