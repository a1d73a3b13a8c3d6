namespace RedSail.Modules.Workflow.Domain;

/// <summary>The two uses of an evaluation round.</summary>
internal static class EvaluationKinds
{
    /// <summary>年终述职测评: the committee's evaluators score each branch (whose secretary reported) on a score sheet.</summary>
    public const string AnnualReview = "annual_review";
    /// <summary>民主评议党员: a branch's voting members grade every member of the branch.</summary>
    public const string DemocraticReview = "democratic_review";
    public static readonly string[] All = [AnnualReview, DemocraticReview];
}

/// <summary>Who may vote in a 述职测评 round: the committee (root seat holders + branch secretaries) or all voting members of the subtree.</summary>
internal static class Electorates
{
    public const string Committee = "committee";
    public const string AllMembers = "all_members";
    public static readonly string[] All = [Committee, AllMembers];
}

/// <summary>民主评议 grades, best first (优秀 / 合格 / 基本合格 / 不合格).</summary>
internal static class ReviewGrades
{
    public const string Excellent = "excellent";
    public const string Qualified = "qualified";
    public const string BasicallyQualified = "basically_qualified";
    public const string Unqualified = "unqualified";
    public static readonly string[] All = [Excellent, Qualified, BasicallyQualified, Unqualified];
}

/// <summary>述职测评 grades of a branch, best first (好 / 较好 / 一般 / 差).</summary>
internal static class BranchGrades
{
    public const string Good = "good";
    public const string FairlyGood = "fairly_good";
    public const string Average = "average";
    public const string Poor = "poor";
    public static readonly string[] All = [Good, FairlyGood, Average, Poor];
}

/// <summary>One line of the score sheet: a key (stable in ballots), its name and the most points an evaluator may give.</summary>
internal sealed class ScoreItem
{
    public string Key { get; init; } = "";
    public string Name { get; init; } = "";
    public decimal MaxPoints { get; init; }
}

/// <summary>
/// A round's configuration, fixed when it opens (a round is tallied by the numbers it was announced with). No regulation
/// fixes these numbers: 中组部《关于对党员进行民主评议的意见》(1988) names the four grades but leaves the counting to the
/// branch, and the 述职测评 sheet is the committee's own. Every default below is LOCAL PRACTICE, as commonly used.
/// Shares are "more than" (超过): 0.5 means more than half.
/// </summary>
internal sealed class EvaluationConfig
{
    /// <summary>The round counts only when more than this share of the eligible voters voted (local practice: more than half, like a member meeting's quorum).</summary>
    public decimal MinTurnout { get; init; } = 0.5m;

    // 民主评议: the proposed grade from the share of ballots cast (all local practice).
    /// <summary>不合格 when more than this share of the ballots say 不合格.</summary>
    public decimal UnqualifiedShare { get; init; } = 0.5m;
    /// <summary>基本合格 when more than this share say 基本合格 or 不合格 (and 不合格 did not pass).</summary>
    public decimal BasicallyQualifiedShare { get; init; } = 0.5m;
    /// <summary>优秀 when more than this share say 优秀.</summary>
    public decimal ExcellentShare { get; init; } = 0.5m;

    // 述职测评: the sheet and the grade thresholds, in percent of the sheet's full marks (local practice: 90 / 80 / 60).
    public IReadOnlyList<ScoreItem> Items { get; init; } = [];
    public decimal GoodFrom { get; init; } = 90m;
    public decimal FairlyGoodFrom { get; init; } = 80m;
    public decimal AverageFrom { get; init; } = 60m;

    /// <summary>The default sheet (政治建设 25, 组织建设 25, 作风建设 20, 工作成效 30 = 100).</summary>
    public static IReadOnlyList<ScoreItem> DefaultItems { get; } =
    [
        new() { Key = "political", Name = "政治建设", MaxPoints = 25 },
        new() { Key = "organizational", Name = "组织建设", MaxPoints = 25 },
        new() { Key = "conduct", Name = "作风建设", MaxPoints = 20 },
        new() { Key = "results", Name = "工作成效", MaxPoints = 30 },
    ];

    /// <summary>The configuration as the round will use it: a 述职测评 round without a sheet gets the default one; a 民主评议 round has none.</summary>
    public EvaluationConfig For(string kind) => kind == EvaluationKinds.AnnualReview
        ? Copy(Items.Count == 0 ? DefaultItems : Items)
        : Copy([]);

    private EvaluationConfig Copy(IReadOnlyList<ScoreItem> items) => new()
    {
        MinTurnout = MinTurnout, UnqualifiedShare = UnqualifiedShare, BasicallyQualifiedShare = BasicallyQualifiedShare,
        ExcellentShare = ExcellentShare, Items = items, GoodFrom = GoodFrom, FairlyGoodFrom = FairlyGoodFrom, AverageFrom = AverageFrom,
    };

    public decimal FullMarks => Items.Sum(i => i.MaxPoints);

    public void Check(ValidationErrors errors)
    {
        Share(errors, "minTurnout", MinTurnout);
        Share(errors, "unqualifiedShare", UnqualifiedShare);
        Share(errors, "basicallyQualifiedShare", BasicallyQualifiedShare);
        Share(errors, "excellentShare", ExcellentShare);
        if (Items.Count > 12) errors.Add("items", "workflow.evaluations.too_many_items", 12);
        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            errors.RequiredMax($"items[{i}].name", item.Name, 30);
            if (string.IsNullOrWhiteSpace(item.Key) || item.Key.Length > 30 || !item.Key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                errors.Add($"items[{i}].key", "workflow.evaluations.item_key_format");
            if (item.MaxPoints is <= 0 or > 100) errors.Add($"items[{i}].maxPoints", "validation.between", 1, 100);
        }
        if (Items.Select(i => i.Key).Distinct().Count() != Items.Count) errors.Add("items", "workflow.evaluations.item_keys_repeat");
        if (!(AverageFrom is >= 0 and <= 100 && AverageFrom < FairlyGoodFrom && FairlyGoodFrom < GoodFrom && GoodFrom <= 100))
            errors.Add("goodFrom", "workflow.evaluations.thresholds_order");
    }

    private static void Share(ValidationErrors errors, string field, decimal value)
    {
        if (value is < 0 or >= 1) errors.Add(field, "workflow.evaluations.share_range");
    }
}

/// <summary>The tally's rules, pure so that the thresholds are tested with their numbers.</summary>
internal static class EvaluationTally
{
    /// <summary>A round is valid when more than <see cref="EvaluationConfig.MinTurnout"/> of those who could vote did.</summary>
    public static bool IsValid(int ballots, int eligible, EvaluationConfig config) =>
        eligible > 0 && ballots > eligible * config.MinTurnout;

    /// <summary>
    /// A member's proposed 民主评议 grade from the votes for each grade (the branch decides the final grade): 不合格 needs more
    /// than its share of the ballots cast; then 基本合格 (基本合格 + 不合格 votes); then 优秀; otherwise 合格. A ballot that
    /// left the member ungraded counts in the base, as a vote for none of them.
    /// </summary>
    public static string ReviewGrade(IReadOnlyDictionary<string, int> votes, int ballots, EvaluationConfig config)
    {
        if (ballots <= 0) return ReviewGrades.Qualified;
        int Votes(string grade) => votes.GetValueOrDefault(grade);
        bool MoreThan(int count, decimal share) => count > ballots * share;
        if (MoreThan(Votes(ReviewGrades.Unqualified), config.UnqualifiedShare)) return ReviewGrades.Unqualified;
        if (MoreThan(Votes(ReviewGrades.Unqualified) + Votes(ReviewGrades.BasicallyQualified), config.BasicallyQualifiedShare))
            return ReviewGrades.BasicallyQualified;
        if (MoreThan(Votes(ReviewGrades.Excellent), config.ExcellentShare)) return ReviewGrades.Excellent;
        return ReviewGrades.Qualified;
    }

    /// <summary>A branch's 述职测评 grade from its average total score, in percent of the sheet's full marks (at least the threshold).</summary>
    public static string BranchGrade(decimal averageScore, EvaluationConfig config)
    {
        var percent = config.FullMarks == 0 ? 0 : averageScore * 100 / config.FullMarks;
        return percent >= config.GoodFrom ? BranchGrades.Good
            : percent >= config.FairlyGoodFrom ? BranchGrades.FairlyGood
            : percent >= config.AverageFrom ? BranchGrades.Average
            : BranchGrades.Poor;
    }
}
