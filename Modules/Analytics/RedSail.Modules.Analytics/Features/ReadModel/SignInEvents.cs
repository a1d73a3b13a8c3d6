using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>Sign-ins for the usage board: one row per <see cref="UserSignedIn"/>, keyed by the event, so a duplicate and any order give the same rows.</summary>
internal static class SignInEvents
{
    public static Task SignedInAsync(DbSession db, UserSignedIn e, CancellationToken ct) => db.ExecuteAsync("""
        insert into analytics.sign_in (event_id, account_id, organization_id, signed_in_at) values (@EventId, @AccountId, @OrganizationId, @at)
        on conflict (event_id) do nothing
        """, new { e.EventId, e.AccountId, e.OrganizationId, at = e.OccurredAt.UtcDateTime }, ct);
}
