using FluentMigrator;

namespace RedSail.Migrations.Analytics;

/// <summary>
/// A pending count delta carries its organisation's ancestors-or-self as an array of ids instead of the ltree path: the fold
/// and <c>member_count_now</c> added each delta to the organisations its path names by printing the path, splitting it and
/// parsing every label as a uuid, for every delta, on every fold and every read. At 1,000,000 people that was a quarter of a
/// fold's work besides its upserts (docs/benchmarks.md). The copy of the tree keeps the array beside the path, generated from
/// it, so a move changes both at once.
/// </summary>
[Migration(36, "analytics: pending count deltas name their organisations' ancestors as ids, not as a path")]
public sealed class M0036_DeltaAncestors : Migration
{
    public override void Up() => Execute.Sql("""
        alter table analytics.organization
            add column ancestors uuid[] not null generated always as (string_to_array(path::text, '.')::uuid[]) stored;

        drop view analytics.member_count_now;
        alter table analytics.member_count_delta add column ancestors uuid[];
        update analytics.member_count_delta set ancestors = string_to_array(path::text, '.')::uuid[];
        alter table analytics.member_count_delta alter column ancestors set not null, drop column path;

        create view analytics.member_count_now as
        select organization_id, dimension, bucket, sum(count)::bigint as count
        from (select organization_id, dimension, bucket, count from analytics.member_count
              union all
              select a.id, p.dimension, p.bucket, p.d from analytics.member_count_delta p cross join lateral unnest(p.ancestors) a(id)) c
        group by organization_id, dimension, bucket;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
