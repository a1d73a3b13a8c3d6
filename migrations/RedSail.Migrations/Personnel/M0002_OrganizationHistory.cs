using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(2, "personnel: organisation status, unit and change history")]
public sealed class M0002_OrganizationHistory : Migration
{
    public override void Up() => Execute.Sql("""
        alter table personnel.organization
            -- merged and dissolved organisations stay in the tree for history; lists hide them by default
            add column status text not null default 'active'
                constraint ck_organization_status check (status in ('active', 'merged', 'dissolved')),
            add column unit text,
            add column merged_into uuid references personnel.organization (id),
            add column dissolved_on date;

        create table personnel.organization_history (
            id bigint generated always as identity primary key,
            organization_id uuid not null references personnel.organization (id),
            change_type text not null
                constraint ck_organization_history_change check (change_type in ('created', 'renamed', 'moved', 'merged', 'dissolved')),
            effective_on date not null,
            reason text,
            before jsonb,
            after jsonb not null,
            recorded_at timestamptz not null default now(),
            recorded_by uuid);
        create index ix_organization_history_organization on personnel.organization_history (organization_id, recorded_at desc);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
