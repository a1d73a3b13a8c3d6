using FluentMigrator;

namespace RedSail.Migrations.Platform;

[Migration(10, "platform: single sign-on from the OA (pending logins, used tickets, OA department mapping, accounts it created)")]
public sealed class M0010_SingleSignOn : Migration
{
    public override void Up() => Execute.Sql("""
        -- A browser that started an SSO sign-in here: the hash of the random value in its cookie. A callback without one
        -- (a link forged elsewhere, or one replayed after it was used) is refused.
        create table platform.sso_pending_login (
            state_hash bytea primary key,
            provider text not null,
            expires_at timestamptz not null);

        -- Tickets (CAS service tickets, OA ticket URLs) already presented, by hash, until well after they could be valid:
        -- a ticket is accepted once here whatever the OA says.
        create table platform.sso_used_ticket (
            provider text not null,
            ticket_hash bytea not null,
            expires_at timestamptz not null,
            primary key (provider, ticket_hash));
        create index ix_sso_used_ticket_expires on platform.sso_used_ticket (expires_at);

        -- Which RedSail organisation an OA department stands for: where an account provisioned at first sign-in gets its role.
        create table platform.oa_department_map (
            department_code text primary key,
            department_name text not null,
            organization_id uuid not null,
            updated_at timestamptz not null default now(),
            updated_by uuid);

        -- How an account came to be: null for accounts opened by an administrator, 'sso:<provider>' or 'oa-import'.
        alter table platform.user_account add column provisioned_by text;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
