using FluentMigrator;

namespace RedSail.Migrations.Platform;

[Migration(1, "platform: outbox, inbox, accounts, sessions, OA clients, organisations, audit trail")]
public sealed class M0001_AccountsSessionsAudit : Migration
{
    public override void Up()
    {
        Execute.Sql(Messaging.Tables("platform"));
        Execute.Sql("""
            create table platform.user_account (
                id uuid primary key,
                user_name text not null,
                display_name text not null,
                password_hash text not null,
                password_changed_at timestamptz not null,
                must_change_password boolean not null default false,
                enabled boolean not null default true,
                totp_secret bytea,
                totp_enrolled_at timestamptz,
                last_totp_step bigint,
                last_sign_in_at timestamptz,
                created_at timestamptz not null default now(),
                version bigint not null default 1);
            create unique index ux_user_account_name on platform.user_account (lower(user_name));

            -- Failures are counted per user name whether or not the account exists, so that the answer to a
            -- wrong password never tells an attacker which names are real.
            create table platform.sign_in_failure (
                user_name_key text primary key,
                failures int not null,
                locked_until timestamptz,
                last_failure_at timestamptz not null);

            create table platform.role_grant (
                id uuid primary key,
                user_id uuid not null references platform.user_account (id),
                role text not null,
                organization_id uuid,
                granted_at timestamptz not null default now(),
                granted_by uuid);
            create unique index ux_role_grant on platform.role_grant (user_id, role, coalesce(organization_id, '00000000-0000-0000-0000-000000000000'));

            create table platform.session (
                id uuid primary key,
                token_hash bytea not null unique,
                user_id uuid not null references platform.user_account (id),
                stage text not null,
                csrf_token text not null,
                created_at timestamptz not null,
                last_seen_at timestamptz not null,
                expires_at timestamptz not null,
                revoked_at timestamptz,
                source_address text);
            create index ix_session_user on platform.session (user_id) where revoked_at is null;

            create table platform.oa_client (
                client_id text primary key,
                name text not null,
                secret_hash bytea not null,
                scopes text[] not null,
                enabled boolean not null default true,
                created_at timestamptz not null default now(),
                created_by uuid);
            create table platform.oa_token (
                token_hash bytea primary key,
                client_id text not null references platform.oa_client (client_id),
                expires_at timestamptz not null);

            -- The platform's own copy of the organisation tree, fed by Personnel's events, for role grants.
            create table platform.organization (
                id uuid primary key,
                parent_id uuid,
                name text not null,
                type text not null,
                path ltree not null);
            create index ix_platform_organization_path on platform.organization using gist (path);

            create table platform.setting (key text primary key, value text not null);

            create table platform.audit_log (
                sequence bigint primary key,
                occurred_at timestamptz not null,
                user_id uuid,
                user_name text,
                client_id text,
                roles text,
                source_address text,
                action text not null,
                target_type text,
                target_id text,
                target_organization text,
                result text not null,
                correlation_id text,
                detail text,
                previous_hash bytea not null,
                hash bytea not null);
            create index ix_audit_occurred on platform.audit_log (occurred_at desc);
            create index ix_audit_user on platform.audit_log (user_name, occurred_at desc);
            create table platform.audit_head (id int primary key check (id = 1), sequence bigint not null, hash bytea not null);
            insert into platform.audit_head values (1, 0, decode(repeat('00', 32), 'hex'));

            -- Append-only for everyone, the owner included: changing history needs a superuser to drop this trigger,
            -- and even then the hash chain shows it.
            create function platform.audit_log_is_append_only() returns trigger language plpgsql as $$
            begin raise exception 'platform.audit_log is append-only'; end $$;
            create trigger audit_log_append_only before update or delete on platform.audit_log
                for each row execute function platform.audit_log_is_append_only();
            create trigger audit_log_no_truncate before truncate on platform.audit_log
                for each statement execute function platform.audit_log_is_append_only();
            """);
    }

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
