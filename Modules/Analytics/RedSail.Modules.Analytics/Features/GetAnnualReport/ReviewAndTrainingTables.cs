using RedSail.Modules.Analytics.Access;

namespace RedSail.Modules.Analytics.Features.GetAnnualReport;

/// <summary>
/// The annual report's tables 7 and 8, counted at query time from the year's facts (few rows: one per member reviewed, one per
/// training attended), in the caller's subtree. 7 — 民主评议党员: members graded by valid democratic reviews of the year, by grade,
/// per reviewing organisation. 8 — training: sessions (distinct title, organiser and date), participants (distinct people),
/// person-times (records) and hours (sum of each record's hours), per organisation the trainee belonged to; a session attended
/// from several organisations counts once in each of their rows and once in the total.
/// </summary>
internal static class ReviewAndTrainingTables
{
    public static readonly string[] Grades = ["excellent", "qualified", "basically_qualified", "unqualified"];

    public static async Task<(ReportTable Reviews, ReportTable Trainings)> LoadAsync(AnalyticsDb db, Guid[] roots, int year, CancellationToken ct)
    {
        using var grid = await db.QueryMultipleAsync($"""
            select o.id as organization_id, o.name, g.grade, count(*)::numeric as count
            from analytics.review_grade g join analytics.organization o on o.id = g.organization_id
            where g.year = @year and {AnalyticsScope.Within("o")}
            group by o.id, o.name, o.path, g.grade order by o.path, o.id;
            with t as (
                select t.*, o.name, o.path from analytics.training t join analytics.organization o on o.id = t.organization_id
                where t.held_on >= make_date(@year, 1, 1) and t.held_on < make_date(@year + 1, 1, 1) and {AnalyticsScope.Within("o")})
            select organization_id, name, count(distinct (title, organizer, held_on))::numeric as sessions, count(distinct person_id)::numeric as participants,
                   count(*)::numeric as person_times, coalesce(sum(hours), 0) as hours
            from t group by grouping sets ((organization_id, name, path), ()) order by path nulls first, organization_id;
            """, new { roots, year }, ct);
        var grades = (await grid.ReadAsync<GradeCount>()).ToList();
        var trainings = (await grid.ReadAsync<TrainingFigures>()).ToList();

        IReadOnlyList<decimal> ByGrade(IEnumerable<GradeCount> counts)
        {
            var list = counts.ToList();
            return [list.Sum(c => c.Count), .. Grades.Select(g => list.Where(c => c.Grade == g).Sum(c => c.Count))];
        }
        var reviews = new ReportTable("democratic_review", [new("total", ["reviewed"]), new("grade", Grades)], ByGrade(grades),
            grades.GroupBy(g => (g.OrganizationId, g.Name)).Select(o => new ReportRow(o.Key.OrganizationId, o.Key.Name, ByGrade(o))).ToList());
        // The grouping set () is the subtree's total (no organisation); none at all when nobody trained.
        var total = trainings.FirstOrDefault(t => t.OrganizationId is null) ?? new TrainingFigures();
        var training = new ReportTable("training", [new("total", ["sessions", "participants", "person_times", "hours"])], total.Values,
            trainings.Where(t => t.OrganizationId is not null).Select(t => new ReportRow(t.OrganizationId!.Value, t.Name!, t.Values)).ToList());
        return (reviews, training);
    }

    /// <summary>Each table's total equals its columns' and its organisations' sums.</summary>
    public static IEnumerable<CrossCheck> Checks(ReportTable reviews, ReportTable trainings) =>
    [
        new("reviews_by_grade", (long)reviews.Values[0], (long)reviews.Values.Skip(1).Sum()),
        new("reviews_by_organization", (long)reviews.Values[0], (long)reviews.Rows!.Sum(r => r.Values[0])),
        new("training_by_organization", (long)trainings.Values[2], (long)trainings.Rows!.Sum(r => r.Values[2])),
    ];

    private sealed class GradeCount
    {
        public Guid OrganizationId { get; init; }
        public string Name { get; init; } = "";
        public string Grade { get; init; } = "";
        public decimal Count { get; init; }
    }

    private sealed class TrainingFigures
    {
        public Guid? OrganizationId { get; init; }
        public string? Name { get; init; }
        public decimal Sessions { get; init; }
        public decimal Participants { get; init; }
        public decimal PersonTimes { get; init; }
        public decimal Hours { get; init; }

        public IReadOnlyList<decimal> Values => [Sessions, Participants, PersonTimes, Hours];
    }
}
