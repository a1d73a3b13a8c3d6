using RedSail.BuildingBlocks.Localization;
using RedSail.Platform.Access;
using RedSail.Platform.Features.SignIn;

namespace RedSail.Platform.Features.Users;

/// <summary>A page of accounts, filtered by a keyword on user name, display name or employee number, with their role grants.</summary>
public sealed record ListUsers(string? Keyword, int Page = 1, int PageSize = 20) : IQuery<Paged<UserView>>;

public sealed record UserView(Guid Id, string UserName, string DisplayName, bool Enabled, DateTime? LockedUntil, DateTime? LastSignInAt,
    bool TotpEnrolled, string? EmployeeNumber, IReadOnlyList<RoleGrantView> Roles);

internal sealed class ListUsersHandler(PlatformDb db, MessageCatalog messages) : IRequestHandler<ListUsers, Paged<UserView>>
{
    public async Task<Paged<UserView>> Handle(ListUsers request, CancellationToken cancellationToken)
    {
        var page = Paging.Of(request.Page, request.PageSize);
        var pattern = string.IsNullOrWhiteSpace(request.Keyword) ? null : "%" + Paging.EscapeLike(request.Keyword.Trim()) + "%";
        using var grid = await db.QueryMultipleAsync("""
            select count(*) from platform.user_account u
            where @pattern is null or u.user_name ilike @pattern or u.display_name ilike @pattern or u.employee_number ilike @pattern;

            select u.id, u.user_name, u.display_name, u.enabled, f.locked_until, u.last_sign_in_at, u.totp_enrolled_at is not null as totp_enrolled,
                   u.employee_number
            from platform.user_account u
            left join platform.sign_in_failure f on f.user_name_key = lower(u.user_name) and f.locked_until > now()
            where @pattern is null or u.user_name ilike @pattern or u.display_name ilike @pattern or u.employee_number ilike @pattern
            order by lower(u.user_name)
            limit @Limit offset @Offset;
            """, new { pattern, page.Limit, page.Offset }, cancellationToken);
        var total = await grid.ReadSingleAsync<long>();
        var users = (await grid.ReadAsync<UserRow>()).ToList();
        var grants = await db.QueryAsync<(Guid UserId, Guid GrantId, string Role, Guid? OrganizationId, string? OrganizationName)>("""
            select g.user_id, g.id, g.role, g.organization_id, o.name
            from platform.role_grant g left join platform.organization o on o.id = g.organization_id
            where g.user_id = any(@ids) order by g.granted_at
            """, new { ids = users.Select(u => u.Id).ToArray() }, cancellationToken);
        var byUser = grants.ToLookup(g => g.UserId, g => new RoleGrantView(g.GrantId, g.Role, messages.Get("role." + g.Role), g.OrganizationId, g.OrganizationName));
        return new Paged<UserView>(users.Select(u => new UserView(u.Id, u.UserName, u.DisplayName, u.Enabled, u.LockedUntil, u.LastSignInAt,
            u.TotpEnrolled, u.EmployeeNumber, byUser[u.Id].ToList())).ToList(), total, page.Page, page.PageSize);
    }

    private sealed class UserRow
    {
        public Guid Id { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public bool Enabled { get; init; }
        public DateTime? LockedUntil { get; init; }
        public DateTime? LastSignInAt { get; init; }
        public bool TotpEnrolled { get; init; }
        public string? EmployeeNumber { get; init; }
    }
}

internal static class ListUsersEndpoint
{
    public static void MapListUsers(this IEndpointRouteBuilder api) =>
        api.MapGet("/users", (string? keyword, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListUsers(keyword, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListUsers").WithSummary("用户列表（分页，按用户名或姓名检索）")
            .RequirePermission(PlatformPermissions.UsersRead);
}
