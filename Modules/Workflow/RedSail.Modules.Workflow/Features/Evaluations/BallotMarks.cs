using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Evaluations;

/// <summary>One subject's mark: a 民主评议 grade, or the points per sheet item.</summary>
internal sealed record BallotMark(Guid SubjectId, string? Grade, IReadOnlyDictionary<string, decimal>? Scores);

/// <summary>A ballot's marks, checked against the round: every subject exactly once, a known grade, points within each item's maximum.</summary>
internal static class BallotMarks
{
    /// <summary>The ballot as stored: subject → grade (民主评议) or subject → item → points (述职测评). 400 with per-mark errors otherwise.</summary>
    public static Dictionary<string, object> Check(EvaluationRound round, IReadOnlyList<Guid> subjects, IReadOnlyList<BallotMark> marks)
    {
        var errors = new ValidationErrors();
        var expected = subjects.ToHashSet();
        var config = round.Settings;
        var stored = new Dictionary<string, object>();
        for (var i = 0; i < marks.Count; i++)
        {
            var mark = marks[i];
            if (!expected.Contains(mark.SubjectId) || stored.ContainsKey(mark.SubjectId.ToString()))
            {
                errors.Add($"marks[{i}].subjectId", "workflow.evaluations.subject_unknown");
                continue;
            }
            if (round.Kind == EvaluationKinds.DemocraticReview)
            {
                if (mark.Grade is null || !ReviewGrades.All.Contains(mark.Grade)) errors.Add($"marks[{i}].grade", "workflow.evaluations.grade_required");
                else stored[mark.SubjectId.ToString()] = mark.Grade;
                continue;
            }
            var scores = new Dictionary<string, decimal>();
            foreach (var item in config.Items)
            {
                if (mark.Scores?.TryGetValue(item.Key, out var points) != true) errors.Add($"marks[{i}].scores.{item.Key}", "validation.required");
                else if (points < 0 || points > item.MaxPoints) errors.Add($"marks[{i}].scores.{item.Key}", "workflow.evaluations.points_range", item.MaxPoints);
                else scores[item.Key] = points;
            }
            stored[mark.SubjectId.ToString()] = scores;
        }
        if (!errors.Any && stored.Count != expected.Count) errors.Add("marks", "workflow.evaluations.marks_incomplete", expected.Count - stored.Count);
        errors.ThrowIfAny();
        return stored;
    }
}
