using FluentMigrator;

namespace RedSail.Migrations.Platform;

[Migration(20, "platform: Idempotency-Key reservations and the responses they replay")]
public sealed class M0020_IdempotencyKeys : Migration
{
    public override void Up() => Execute.Sql("""
        -- One row per (caller, key): reserved and committed before the request runs, so a retry while it runs, or after the host
        -- died in the middle, finds it. caller is 'account:<id>' or 'client:<OA client id>'; request_hash is SHA-256 of the
        -- method, path, query and body, so the same key with another request is refused rather than answered with a wrong reply.
        create table platform.idempotency_key (
            caller text not null,
            key text not null,
            request_hash bytea not null,
            -- running: reserved, no outcome stored yet (still running, or the host stopped before storing it);
            -- completed: status and body stored; unknown: the request failed after its command started to commit.
            state text not null default 'running' check (state in ('running', 'completed', 'unknown')),
            status_code int,
            content_type text,
            location text,
            response_body bytea,
            -- false when the response was larger than what is kept for replays
            body_kept boolean not null default true,
            created_at timestamptz not null default now(),
            completed_at timestamptz,
            expires_at timestamptz not null,
            primary key (caller, key));
        create index ix_idempotency_key_expires on platform.idempotency_key (expires_at);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
