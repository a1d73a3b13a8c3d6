using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(8, "personnel: information sets of people (education, posts, family, rewards, abroad, care, traits, memberships)")]
public sealed class M0008_InformationSets : Migration
{
    public override void Up() => Execute.Sql("""
        create table personnel.person_record (
            id uuid primary key,
            person_id uuid not null references personnel.person (id),
            -- the information set (Domain/InformationSets.cs): education, post, family, reward, abroad, care, traits, mass_org, united_front
            set_kind text not null,
            valid_from date,
            valid_to date,
            -- the set's ordinary fields
            data jsonb not null,
            -- its sensitive fields (health, family details, requests for help): SM4-GCM ciphertext of their JSON
            secret bytea,
            -- ordinary searchable text (specialty, skills, titles) for the people list's keyword filters
            search_text text,
            -- the mass organisation of a membership
            organization_id uuid references personnel.organization (id),
            -- entered by mistake: kept with the reason, hidden from the person's sets
            removed_at timestamptz,
            removed_reason text,
            created_at timestamptz not null default now(),
            updated_at timestamptz not null default now(),
            version bigint not null default 1);
        create index ix_person_record_person on personnel.person_record (person_id, set_kind, valid_from desc nulls last) where removed_at is null;
        create index ix_person_record_search on personnel.person_record using gin (search_text gin_trgm_ops)
            where removed_at is null and search_text is not null;
        create index ix_person_record_organization on personnel.person_record (organization_id, person_id)
            where removed_at is null and organization_id is not null;
        -- one current entry per person for the single-entry sets (traits, united-front category)
        create unique index ux_person_record_single on personnel.person_record (person_id, set_kind)
            where removed_at is null and valid_to is null and set_kind in ('traits', 'united_front');
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
