using FluentMigrator;

namespace RedSail.Migrations.Analytics;

/// <summary>
/// The live projection's count changes, per organisation and with its path, insert-only: a batch of events writes a few rows
/// and locks no count row, instead of one upsert per (ancestor, bucket) (the cost that capped event throughput,
/// docs/benchmarks.md). A worker folds them into <c>member_count</c>'s ancestors (FoldCountDeltas); <c>member_count_now</c>
/// is what readers see meanwhile: the folded counts plus every pending delta on the paths through them, so a figure is current
/// the moment its event is. The count rows and the facts are updated in place all day: room on each page lets PostgreSQL
/// update them without touching their indexes (HOT), which halved the fold's and the facts' write time at 1M people.
/// </summary>
[Migration(32, "analytics: pending count deltas per organisation, folded into the closure counts in the background; logged moves by time")]
public sealed class M0032_CountDeltas : Migration
{
    public override void Up() => Execute.Sql("""
        create table analytics.member_count_delta (
            organization_id uuid not null,
            -- the organisation's path when the delta was recorded: the fold adds it to these organisations
            path ltree not null,
            dimension text not null,
            bucket text not null,
            d bigint not null);

        create view analytics.member_count_now as
        select organization_id, dimension, bucket, sum(count)::bigint as count
        from (select organization_id, dimension, bucket, count from analytics.member_count
              union all
              select a.label::uuid, p.dimension, p.bucket, p.d
              from analytics.member_count_delta p cross join lateral unnest(string_to_array(p.path::text, '.')) a(label)) c
        group by organization_id, dimension, bucket;

        -- An organisation delivered after a move of its subtree catches up on the logged moves since its creation.
        create index ix_analytics_event_log_moves on analytics.event_log (occurred_at) where event_type = 'OrganizationMoved';

        alter table analytics.member_count set (fillfactor = 70);
        alter table analytics.member set (fillfactor = 80);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
