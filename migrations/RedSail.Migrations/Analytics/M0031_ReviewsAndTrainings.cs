using FluentMigrator;

namespace RedSail.Migrations.Analytics;

/// <summary>
/// 民主评议党员 grades from Workflow's <c>EvaluationRoundClosed</c> (valid democratic reviews: one row per round and member) and
/// training records from <c>TrainingRecorded</c>, for the annual report's tables 7 and 8. Both are final once published (a closed
/// round and a training record are not changed), so a duplicate changes nothing.
/// </summary>
[Migration(31, "analytics: democratic review grades and training records for the annual report")]
public sealed class M0031_ReviewsAndTrainings : Migration
{
    public override void Up() => Execute.Sql("""
        create table analytics.review_grade (
            round_id uuid not null,
            person_id uuid not null,
            -- the reviewing branch (the round's organisation)
            organization_id uuid not null,
            year int not null,
            -- excellent | qualified | basically_qualified | unqualified
            grade text not null,
            primary key (round_id, person_id));
        create index ix_analytics_review_grade_year on analytics.review_grade (year, organization_id);

        create table analytics.training (
            record_id uuid primary key,
            person_id uuid not null,
            organization_id uuid not null,
            title text not null,
            organizer text not null,
            held_on date not null,
            hours numeric(5,1) not null,
            kind text not null);
        create index ix_analytics_training_held_on on analytics.training (held_on, organization_id);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
