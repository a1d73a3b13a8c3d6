using RedSail.BuildingBlocks.Events;

namespace RedSail.Platform.Features.SignIn;

/// <summary>
/// What every successful sign-in does when its session becomes active (local password, TOTP, the required password change,
/// SSO): stamps the account's last sign-in and tells the other modules (<see cref="UserSignedIn"/>, for the usage board) in
/// the same transaction.
/// </summary>
internal static class SignInCompletion
{
    public static async Task CompleteAsync(PlatformDb db, Guid userId, DateTimeOffset at, CancellationToken ct)
    {
        // The most specific organisation the account's grants name (deepest in the tree), none when all are institution-wide.
        var organizationId = await db.QuerySingleOrDefaultAsync<Guid?>("""
            update platform.user_account set last_sign_in_at = @at where id = @userId;
            select g.organization_id from platform.role_grant g left join platform.organization o on o.id = g.organization_id
            where g.user_id = @userId and g.organization_id is not null
            order by nlevel(o.path) desc nulls last, g.organization_id limit 1
            """, new { userId, at }, ct);
        await db.PublishAsync(new UserSignedIn(userId, organizationId) { OccurredAt = at }, ct);
    }
}
