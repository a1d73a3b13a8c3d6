using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(1, "personnel: outbox, inbox, organisation tree, people")]
public sealed class M0001_OrganizationsAndPeople : Migration
{
    public override void Up()
    {
        Execute.Sql(Messaging.Tables("personnel"));
        Execute.Sql("""
            create table personnel.organization (
                id uuid primary key,
                parent_id uuid references personnel.organization (id),
                code text not null unique,
                name text not null,
                type text not null,
                -- ltree of the ids from the root (hex, no dashes): subtree scope checks are one GiST index probe
                path ltree not null,
                founded_on date,
                created_at timestamptz not null default now(),
                version bigint not null default 1);
            create index ix_organization_path on personnel.organization using gist (path);
            create index ix_organization_parent on personnel.organization (parent_id);

            create table personnel.person (
                id uuid primary key,
                organization_id uuid not null references personnel.organization (id),
                name text not null,
                gender char(1) not null,
                birth_date date not null,
                ethnicity char(2) not null,
                education char(2),
                -- ID number: SM4-GCM ciphertext plus a keyed blind index for exact search (SECURITY.md)
                id_number_cipher bytea not null,
                id_number_index bytea not null unique,
                party_status text not null,
                joined_on date,
                employee_number text unique,
                created_at timestamptz not null default now(),
                version bigint not null default 1);
            create index ix_person_organization on personnel.person (organization_id, name);
            """);
    }

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
