using RedSail.BuildingBlocks.Data;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>
/// 民主评议党员 grades and training records for the annual report. Both are final once Workflow publishes them (a closed round's
/// results and a training record are never changed), so the rows are only inserted: a duplicate or any order gives the same rows.
/// </summary>
internal static class ReviewAndTrainingEvents
{
    public const string DemocraticReview = "democratic_review";

    /// <summary>Only valid democratic reviews give members grades (an annual review grades branches; too low a turnout grades nobody).</summary>
    public static bool GradesMembers(EvaluationRoundClosed e) => e.Kind == DemocraticReview && e.Valid;

    /// <summary>Only rounds that grade members reach here: the others are not kept (<c>Projection.Keeps</c>).</summary>
    public static Task RoundClosedAsync(DbSession db, EvaluationRoundClosed e, CancellationToken ct) => db.ExecuteAsync("""
            insert into analytics.review_grade (round_id, person_id, organization_id, year, grade)
            select @RoundId, r.person_id, @OrganizationId, @Year, r.grade from unnest(@people, @grades) as r(person_id, grade) where r.grade is not null
            on conflict (round_id, person_id) do nothing
            """, new { e.RoundId, e.OrganizationId, e.Year, people = e.Results.Select(r => r.SubjectId).ToArray(), grades = e.Results.Select(r => r.Grade).ToArray() },
            ct);

    public static Task TrainingRecordedAsync(DbSession db, TrainingRecorded e, CancellationToken ct) => db.ExecuteAsync("""
        insert into analytics.training (record_id, person_id, organization_id, title, organizer, held_on, hours, kind)
        values (@RecordId, @PersonId, @OrganizationId, @Title, @Organizer, @HeldOn, @Hours, @Kind)
        on conflict (record_id) do nothing
        """, new { e.RecordId, e.PersonId, e.OrganizationId, e.Title, e.Organizer, e.HeldOn, e.Hours, e.Kind }, ct);
}
