using RedSail.BuildingBlocks.Localization;
using RedSail.Platform.Access;

namespace RedSail.Platform.Features.Roles;

public sealed record RoleView(string Role, string RoleName, string Description, bool Scoped, IReadOnlyList<string> Permissions);

internal static class ListRolesEndpoint
{
    /// <summary>The role catalogue is code, not data: no database round trip, just the localized names.</summary>
    public static void MapListRoles(this IEndpointRouteBuilder api) =>
        api.MapGet("/roles", (MessageCatalog messages) => RoleCatalog.All
                .Select(r => new RoleView(r.Code, messages.Get("role." + r.Code), messages.Get("role." + r.Code + ".description"), r.Scoped, r.Permissions))
                .ToList())
            .WithName("ListRoles").WithSummary("角色目录（含权限与是否按组织范围授予）")
            .RequirePermission(PlatformPermissions.Roles);
}
