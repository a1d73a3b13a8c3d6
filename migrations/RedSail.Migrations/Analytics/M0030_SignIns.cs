using FluentMigrator;

namespace RedSail.Migrations.Analytics;

/// <summary>
/// Sign-ins from the platform's <c>UserSignedIn</c> (docs/adr/0017-analytics-read-models.md, "Usage board"): one row per sign-in,
/// keyed by the event, with only the account id, the organisation the account was scoped to then and the time (PIPL: minimum).
/// </summary>
[Migration(30, "analytics: sign-ins per account and organisation for the usage board")]
public sealed class M0030_SignIns : Migration
{
    public override void Up() => Execute.Sql("""
        create table analytics.sign_in (
            event_id uuid primary key,
            account_id uuid not null,
            organization_id uuid,
            signed_in_at timestamptz not null);
        create index ix_analytics_sign_in_organization on analytics.sign_in (organization_id, signed_in_at);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
