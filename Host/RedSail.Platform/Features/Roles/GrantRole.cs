using RedSail.Platform.Access;

namespace RedSail.Platform.Features.Roles;

/// <summary>
/// The security administrator grants a role, on an organisation subtree for business roles. Separation of
/// duties (三权分立): nobody changes their own roles, an administrator holds exactly one administrator role
/// and no business role.
/// </summary>
public sealed record GrantRole(Guid UserId, string? Role, Guid? OrganizationId) : ICommand<GrantedRole>
{
    public string AuditAction => "platform.roles.grant";
    public AuditTarget AuditTarget => new("user_account", UserId.ToString(), OrganizationId?.ToString());
}

public sealed record GrantRoleBody(string? Role, Guid? OrganizationId);

public sealed record GrantedRole(Guid GrantId);

internal sealed class GrantRoleValidator : IValidator<GrantRole>
{
    public void Validate(GrantRole request, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(request.Role)) errors.Add("role", "validation.required");
        else if (RoleCatalog.Find(request.Role) is not { } role) errors.Add("role", "role.unknown");
        else if (role.Scoped && request.OrganizationId is null) errors.Add("organizationId", "role.needs_organization");
        else if (!role.Scoped && request.OrganizationId is not null) errors.Add("organizationId", "role.not_scoped");
    }
}

internal sealed class GrantRoleHandler(PlatformDb db, RequestContext context, SessionCache sessions) : IRequestHandler<GrantRole, GrantedRole>
{
    public async Task<GrantedRole> Handle(GrantRole request, CancellationToken cancellationToken)
    {
        if (request.UserId == context.Principal.UserId) throw new ForbiddenException("role.not_own");
        var held = await db.QueryAsync<string>("select role from platform.role_grant where user_id = @UserId", request, cancellationToken);
        if (!SeparationOfDuties.Allows(held, request.Role!))
            new ValidationErrors().Add("role", "role.separation_of_duties").ThrowIfAny();
        var id = Guid.CreateVersion7();
        var result = await db.QuerySingleAsync<(bool UserExists, bool OrganizationExists, int Inserted)>("""
            with checks as (
                select exists (select 1 from platform.user_account where id = @UserId) as user_exists,
                       @OrganizationId::uuid is null or exists (select 1 from platform.organization where id = @OrganizationId and status = 'active') as organization_exists),
            inserted as (
                insert into platform.role_grant (id, user_id, role, organization_id, granted_by)
                select @id, @UserId, @Role, @OrganizationId, @grantedBy from checks where user_exists and organization_exists
                on conflict do nothing
                returning 1)
            select user_exists, organization_exists, (select count(*)::int from inserted) from checks
            """, new { id, request.UserId, request.Role, request.OrganizationId, grantedBy = context.Principal.UserId }, cancellationToken);
        if (!result.UserExists) throw new NotFoundException("user_account", request.UserId.ToString());
        if (!result.OrganizationExists) new ValidationErrors().Add("organizationId", "role.organization_unknown").ThrowIfAny();
        if (result.Inserted == 0) new ValidationErrors().Add("role", "role.already_granted").ThrowIfAny();
        db.AfterCommit(sessions.Clear); // the holder's signed-in sessions resolve their permissions afresh
        return new GrantedRole(id);
    }
}

internal static class SeparationOfDuties
{
    /// <summary>Whether someone holding <paramref name="held"/> may also be given <paramref name="role"/>.</summary>
    public static bool Allows(IEnumerable<string> held, string role)
    {
        var administrator = RoleCatalog.Find(role)!.Administrator;
        return held.Where(r => r != role).All(r => !administrator && RoleCatalog.Find(r) is { Administrator: false });
    }
}

internal static class GrantRoleEndpoint
{
    public static void MapGrantRole(this IEndpointRouteBuilder api) =>
        api.MapPost("/users/{id:guid}/grants", async (Guid id, GrantRoleBody body, IMediator mediator, CancellationToken ct) =>
            {
                var granted = await mediator.Send(new GrantRole(id, body.Role, body.OrganizationId), ct);
                return Results.Created($"/api/platform/grants/{granted.GrantId}", new { grantId = granted.GrantId });
            })
            .WithName("GrantRole").WithSummary("授予角色（业务角色须指定组织范围）").RequirePermission(PlatformPermissions.Roles);
}
