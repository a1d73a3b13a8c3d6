using FluentMigrator;

namespace RedSail.Migrations.Analytics;

/// <summary>
/// The live count-keeping computes the buckets of the dimensions a change can have moved, not every bucket of each changed
/// person before and after (the cost that capped event throughput, docs/benchmarks.md): a PersonUpdated that changes the
/// education computes the education buckets and nothing else; one that changes only the name computes none.
/// <list type="bullet">
/// <item><c>member_buckets</c> and <c>person_buckets</c> (first in M0002 and M0020) are defined again here with a last parameter
/// <c>skip</c>, the dimensions not to compute: each dimension is its own branch, which the planner drops for a row before
/// computing anything. The definitions live here now; the old signatures return the same rows (nothing skipped).</item>
/// <item><c>unchanged_dimensions(before, after)</c>: the dimensions whose inputs are equal in the two rows, listed beside the
/// definitions they belong to. Every dimension depends on the organisation the row counts in and on who counts at all (party
/// status, relation, removed); if any of those changed, or the row is new, nothing is skipped. Fail-safe: a dimension not
/// listed is never skipped (slower, never a wrong count). A migration that changes a bucket definition changes this with it;
/// AnalyticsChangedBucketsTests holds the two together (no row differing in any one column has other buckets in a dimension
/// called unchanged).</item>
/// <item><c>member_before</c>: the batch's member rows as they were before its changes, written when they are locked and read
/// and deleted when the counts are settled, in one transaction (so it is empty between transactions, and unlogged: nothing in
/// it needs to survive a crash). Replaces the rows' round trip as JSON through the host. It has the member row's columns;
/// a column added to <c>analytics.member</c> is added here too.</item>
/// </list>
/// </summary>
[Migration(33, "analytics: the live counts compute only the dimensions a change can have moved")]
public sealed class M0033_UnchangedDimensions : Migration
{
    public override void Up() => Execute.Sql("""
        create unlogged table analytics.member_before (like analytics.member including all);

        -- The buckets a member row counts in, but for the dimensions in skip. Status for everyone on the register; the party
        -- members' national dimensions (gender × birth month, ethnicity, education group, joined and converted month, relation).
        create or replace function analytics.member_buckets(party_status text, relation text, removed boolean, gender text, birth_date date,
            ethnicity text, education text, joined_on date, converted_on date, skip text[])
        returns table (dimension text, bucket text) language sql immutable as $$
            select d.dimension, d.bucket from (
                select 'status', party_status where 'status' <> all(skip)
                union all
                select 'gender_birth', case when party_status in ('probationary', 'full_member') then coalesce(gender, '0') || '|' || coalesce(to_char(birth_date, 'YYYY-MM'), 'none') end
                where 'gender_birth' <> all(skip)
                union all
                select 'ethnicity', case when party_status in ('probationary', 'full_member') then coalesce(ethnicity, 'none') end where 'ethnicity' <> all(skip)
                union all
                select 'education', case when party_status in ('probationary', 'full_member') then coalesce(left(education, 1) || '0', 'none') end
                where 'education' <> all(skip)
                union all
                select 'joined', case when party_status in ('probationary', 'full_member') then coalesce(to_char(joined_on, 'YYYY-MM'), 'none') end
                where 'joined' <> all(skip)
                union all
                select 'converted', case when party_status in ('probationary', 'full_member') then coalesce(to_char(converted_on, 'YYYY-MM'), 'none') end
                where 'converted' <> all(skip)
                union all
                select 'relation', case when party_status in ('probationary', 'full_member') then relation end where 'relation' <> all(skip)
            ) d(dimension, bucket)
            where not removed and relation <> 'transferred_out' and party_status is not null and d.bucket is not null
        $$;

        create or replace function analytics.member_buckets(party_status text, relation text, removed boolean, gender text, birth_date date,
            ethnicity text, education text, joined_on date, converted_on date)
        returns table (dimension text, bucket text) language sql immutable as $$
            select * from analytics.member_buckets(party_status, relation, removed, gender, birth_date, ethnicity, education, joined_on, converted_on, '{}')
        $$;

        -- Occupation and title level of party members; birth month, traits and care requests (with the birth month),
        -- mass-organisation and united-front memberships of everyone on the register (M0020).
        create or replace function analytics.person_buckets(party_status text, relation text, removed boolean, birth_date date, occupation text,
            title_level text, traits text[], care text[], mass_orgs text[], united_front text, skip text[])
        returns table (dimension text, bucket text) language sql immutable as $$
            select d.dimension, d.bucket from (
                select 'occupation', case when party_status in ('probationary', 'full_member') then coalesce(occupation, 'none') end where 'occupation' <> all(skip)
                union all
                select 'title_level', case when party_status in ('probationary', 'full_member') then coalesce(title_level, 'none') end where 'title_level' <> all(skip)
                union all
                select 'birth', coalesce(to_char(birth_date, 'YYYY-MM'), 'none') where 'birth' <> all(skip)
                union all
                select 'trait', t || '|' || coalesce(to_char(birth_date, 'YYYY-MM'), 'none') from unnest(traits) t where 'trait' <> all(skip)
                union all
                select 'care', c || '|' || coalesce(to_char(birth_date, 'YYYY-MM'), 'none') from unnest(care) c where 'care' <> all(skip)
                union all
                select 'mass_org', x from unnest(mass_orgs) x where 'mass_org' <> all(skip)
                union all
                select 'united_front', united_front where 'united_front' <> all(skip)
            ) d(dimension, bucket)
            where not removed and relation <> 'transferred_out' and party_status is not null and d.bucket is not null
        $$;

        create or replace function analytics.person_buckets(party_status text, relation text, removed boolean, birth_date date, occupation text,
            title_level text, traits text[], care text[], mass_orgs text[], united_front text)
        returns table (dimension text, bucket text) language sql immutable as $$
            select * from analytics.person_buckets(party_status, relation, removed, birth_date, occupation, title_level, traits, care, mass_orgs, united_front, '{}')
        $$;

        -- The dimensions whose buckets a change of a member row from b to a cannot have moved: those whose inputs, beyond the
        -- organisation, party status, relation and removed that every dimension depends on, are equal. One expression, no
        -- subquery, so the planner inlines it.
        create or replace function analytics.unchanged_dimensions(b analytics.member_before, a analytics.member)
        returns text[] language sql immutable as $$
            select case
                when b.person_id is null or a.person_id is null
                     or (b.organization_id, b.party_status, b.relation, b.removed) is distinct from (a.organization_id, a.party_status, a.relation, a.removed)
                then '{}'::text[]
                else array_remove(array[
                    -- member_buckets
                    'status', 'relation',
                    case when (b.gender, b.birth_date) is not distinct from (a.gender, a.birth_date) then 'gender_birth' end,
                    case when b.ethnicity is not distinct from a.ethnicity then 'ethnicity' end,
                    case when b.education is not distinct from a.education then 'education' end,
                    case when b.joined_on is not distinct from a.joined_on then 'joined' end,
                    case when b.converted_on is not distinct from a.converted_on then 'converted' end,
                    -- person_buckets
                    case when b.occupation is not distinct from a.occupation then 'occupation' end,
                    case when b.title_level is not distinct from a.title_level then 'title_level' end,
                    case when b.birth_date is not distinct from a.birth_date then 'birth' end,
                    case when (b.traits, b.birth_date) is not distinct from (a.traits, a.birth_date) then 'trait' end,
                    case when (b.care, b.birth_date) is not distinct from (a.care, a.birth_date) then 'care' end,
                    case when b.mass_orgs is not distinct from a.mass_orgs then 'mass_org' end,
                    case when b.united_front is not distinct from a.united_front then 'united_front' end], null)
            end
        $$;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
