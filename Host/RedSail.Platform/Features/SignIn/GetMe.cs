using RedSail.BuildingBlocks.Localization;

namespace RedSail.Platform.Features.SignIn;

/// <summary>Who am I: the signed-in user's name, role grants, effective permissions and password reminder.</summary>
public sealed record GetMe : IQuery<Me>;

public sealed record Me(Guid UserId, string UserName, string DisplayName, IReadOnlyList<RoleGrantView> Roles,
    IReadOnlyList<string> Permissions, bool PasswordChangeDue, bool MustChangePassword);

public sealed record RoleGrantView(Guid GrantId, string Role, string RoleName, Guid? OrganizationId, string? OrganizationName);

internal sealed class GetMeHandler(PlatformDb db, RequestContext context, SecurityOptions options, IClock clock, MessageCatalog messages)
    : IRequestHandler<GetMe, Me>
{
    public async Task<Me> Handle(GetMe request, CancellationToken cancellationToken)
    {
        var userId = context.Principal.UserId!.Value;
        using var grid = await db.QueryMultipleAsync("""
            select display_name, password_changed_at < @cutoff as password_change_due, must_change_password
            from platform.user_account where id = @userId;
            select g.id as grant_id, g.role, g.organization_id, o.name as organization_name
            from platform.role_grant g left join platform.organization o on o.id = g.organization_id
            where g.user_id = @userId order by g.granted_at;
            """, new { userId, cutoff = clock.UtcNow.AddDays(-options.PasswordMaxAgeDays) }, cancellationToken);
        var account = await grid.ReadSingleAsync<(string DisplayName, bool PasswordChangeDue, bool MustChangePassword)>();
        var grants = (await grid.ReadAsync<(Guid GrantId, string Role, Guid? OrganizationId, string? OrganizationName)>())
            .Select(g => new RoleGrantView(g.GrantId, g.Role, messages.Get("role." + g.Role), g.OrganizationId, g.OrganizationName))
            .ToList();
        return new Me(userId, context.Principal.UserName!, account.DisplayName, grants,
            context.Principal.Permissions.Select(p => p.Permission).Distinct().Order().ToList(),
            account.PasswordChangeDue || account.MustChangePassword, account.MustChangePassword);
    }
}

internal static class GetMeEndpoint
{
    public static void MapGetMe(this IEndpointRouteBuilder api) =>
        api.MapGet("/auth/me", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetMe(), ct))
            .WithName("GetMe").WithSummary("当前登录用户、角色与权限")
            .RequireSignedIn();
}
