using FluentMigrator;

namespace RedSail.Migrations.Analytics;

/// <summary>
/// Analytics' read models (docs/adr/0017-analytics-read-models.md): the event log they are rebuilt from, one fact row per person, and counts per
/// (organisation, dimension, bucket) kept for every ancestor-or-self of the person's organisation, so a subtree's figure is
/// one row per bucket. <c>member_buckets</c> is the one definition of which buckets a person counts in.
/// </summary>
[Migration(2, "analytics: event log, member facts, counts by organisation closure, flows, honours")]
public sealed class M0002_ReadModels : Migration
{
    public override void Up() => Execute.Sql(ReadModelTables.OrganizationTree("analytics") + """
        create table analytics.event_log (
            seq bigserial not null,
            event_id uuid primary key,
            event_type text not null,
            payload jsonb not null,
            occurred_at timestamptz not null,
            received_at timestamptz not null default now());
        create index ix_analytics_event_log_order on analytics.event_log (occurred_at, seq);

        -- One row per person ever announced. The *_at columns are the occurred_at of the event that last set each group of
        -- fields: an older event arriving late leaves newer values alone (order-tolerant upserts).
        create table analytics.member (
            person_id uuid primary key,
            organization_id uuid,
            name text,
            gender text,
            birth_date date,
            ethnicity text,
            education text,
            party_status text,
            joined_on date,
            converted_on date,
            -- active | flowing | lost_contact | transferred_out
            relation text not null default 'active',
            removed boolean not null default false,
            basics_at timestamptz,
            status_at timestamptz,
            placement_at timestamptz,
            relation_at timestamptz);
        create index ix_analytics_member_organization on analytics.member (organization_id);

        create function analytics.member_buckets(party_status text, relation text, removed boolean, gender text, birth_date date,
            ethnicity text, education text, joined_on date, converted_on date)
        returns table (dimension text, bucket text) language sql immutable as $$
            select d.dimension, d.bucket from (values
                ('status', party_status),
                ('gender_birth', case when party_status in ('probationary', 'full_member') then coalesce(gender, '0') || '|' || coalesce(to_char(birth_date, 'YYYY-MM'), 'none') end),
                ('ethnicity', case when party_status in ('probationary', 'full_member') then coalesce(ethnicity, 'none') end),
                ('education', case when party_status in ('probationary', 'full_member') then coalesce(left(education, 1) || '0', 'none') end),
                ('joined', case when party_status in ('probationary', 'full_member') then coalesce(to_char(joined_on, 'YYYY-MM'), 'none') end),
                ('converted', case when party_status in ('probationary', 'full_member') then coalesce(to_char(converted_on, 'YYYY-MM'), 'none') end),
                ('relation', case when party_status in ('probationary', 'full_member') then relation end)
            ) d(dimension, bucket)
            where not removed and relation <> 'transferred_out' and party_status is not null and d.bucket is not null
        $$;

        -- Counts for every ancestor-or-self organisation of the person's organisation (closure): a subtree's figures are
        -- the rows of its root.
        create table analytics.member_count (
            organization_id uuid not null,
            dimension text not null,
            bucket text not null,
            count bigint not null,
            primary key (organization_id, dimension, bucket));

        -- Month-end copies of member_count (TakeAnalyticsSnapshot), for "as of" a past month.
        create table analytics.member_count_month (
            month date not null,
            organization_id uuid not null,
            dimension text not null,
            bucket text not null,
            count bigint not null,
            primary key (month, organization_id, dimension, bucket));

        -- Flows: things that happened in a year (admitted, converted, loss:<reason>, transferred_in), one row per event, by the
        -- organisation they happened in. They count in member_count too (dimension 'flow', bucket '<kind>|<year>'), like people.
        create table analytics.flow (
            event_id uuid primary key,
            organization_id uuid not null,
            kind text not null,
            year int not null);
        create index ix_analytics_flow_organization on analytics.flow (organization_id);

        create table analytics.honour (
            honour_id uuid primary key,
            organization_id uuid,
            person_id uuid,
            type text,
            level text,
            title text,
            awarded_on date,
            withdrawn boolean not null default false,
            approved_at timestamptz,
            withdrawn_at timestamptz);
        create index ix_analytics_honour_organization on analytics.honour (organization_id);

        create table analytics.demo_seed (seed int primary key, seeded_at timestamptz not null default now());
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
