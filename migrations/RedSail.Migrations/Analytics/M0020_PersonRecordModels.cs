using FluentMigrator;

namespace RedSail.Migrations.Analytics;

/// <summary>
/// The Personnel-side dimensions of the read models (docs/adr/0017-analytics-read-models.md): the information-set entries
/// Analytics needs (posts, traits, care requests, mass-organisation and united-front memberships, ordinary values only),
/// each person's current values derived from them on the member row, and <c>person_buckets</c>, the buckets those values
/// count in beside <c>member_buckets</c>'. Existing members are counted in the new dimensions at once (as "none": their
/// entries arrive with the next PersonRecordChanged events), so the counts stay consistent without a rebuild.
/// </summary>
[Migration(20, "analytics: information-set entries, occupation, title level, young employees, mass organisations, united front")]
public sealed class M0020_PersonRecordModels : Migration
{
    public override void Up() => Execute.Sql("""
        -- One row per entry of the sets above; changed_at is the occurred_at of the event that last set it (an older event
        -- arriving late changes nothing), removed marks an entry taken back (mistake, import rolled back).
        create table analytics.person_record (
            record_id uuid primary key,
            person_id uuid not null,
            set_kind text not null,
            valid_from date,
            valid_to date,
            data jsonb not null,
            removed boolean not null default false,
            changed_at timestamptz not null);
        create index ix_analytics_person_record_person on analytics.person_record (person_id, set_kind);

        -- Derived from the person's entries (PersonRecordEvents): the current post's occupation and title level, the traits
        -- filled in, the care requests as category|status, the current mass-organisation memberships as organisation|post,
        -- the united-front category as category|democratic party.
        alter table analytics.member
            add column occupation text,
            add column title_level text,
            add column traits text[] not null default '{}',
            add column care text[] not null default '{}',
            add column mass_orgs text[] not null default '{}',
            add column united_front text;

        -- Occupation and title level count party members (the national tables); birth month, traits, care requests and
        -- memberships count everyone on the register (young employees are staff of any status, mass organisations and the
        -- united front are mostly not party members). Traits and requests carry the birth month: "young" (≤ 35) is decided as
        -- of the month-end asked for, like the age bands.
        create function analytics.person_buckets(party_status text, relation text, removed boolean, birth_date date, occupation text,
            title_level text, traits text[], care text[], mass_orgs text[], united_front text)
        returns table (dimension text, bucket text) language sql immutable as $$
            select d.dimension, d.bucket from (
                select 'occupation', case when party_status in ('probationary', 'full_member') then coalesce(occupation, 'none') end
                union all
                select 'title_level', case when party_status in ('probationary', 'full_member') then coalesce(title_level, 'none') end
                union all
                select 'birth', coalesce(to_char(birth_date, 'YYYY-MM'), 'none')
                union all
                select 'trait', t || '|' || coalesce(to_char(birth_date, 'YYYY-MM'), 'none') from unnest(traits) t
                union all
                select 'care', c || '|' || coalesce(to_char(birth_date, 'YYYY-MM'), 'none') from unnest(care) c
                union all
                select 'mass_org', x from unnest(mass_orgs) x
                union all
                select 'united_front', united_front
            ) d(dimension, bucket)
            where not removed and relation <> 'transferred_out' and party_status is not null and d.bucket is not null
        $$;

        insert into analytics.member_count (organization_id, dimension, bucket, count)
        select a.label::uuid, b.dimension, b.bucket, count(*)
        from analytics.member m
        join analytics.organization o on o.id = m.organization_id
        cross join lateral unnest(string_to_array(o.path::text, '.')) a(label)
        cross join lateral analytics.person_buckets(m.party_status, m.relation, m.removed, m.birth_date, m.occupation, m.title_level, m.traits,
            m.care, m.mass_orgs, m.united_front) b
        group by 1, 2, 3
        on conflict (organization_id, dimension, bucket) do update set count = analytics.member_count.count + excluded.count;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
