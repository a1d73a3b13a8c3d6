using NUnit.Framework;
using RedSail.BuildingBlocks.Validation;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.UnitTests;

/// <summary>The tally of evaluation rounds with the default (local practice) numbers: more than half, 90 / 80 / 60.</summary>
public sealed class WorkflowEvaluationsRulesTests
{
    private static readonly EvaluationConfig Defaults = new EvaluationConfig().For(EvaluationKinds.DemocraticReview);

    private static Dictionary<string, int> Votes(int excellent = 0, int qualified = 0, int basic = 0, int unqualified = 0) => new()
    {
        [ReviewGrades.Excellent] = excellent, [ReviewGrades.Qualified] = qualified,
        [ReviewGrades.BasicallyQualified] = basic, [ReviewGrades.Unqualified] = unqualified,
    };

    [TestCase(5, 10, false, TestName = "Exactly half of the voters is not a valid turnout")]
    [TestCase(6, 10, true)]
    [TestCase(4, 7, true, TestName = "Four of seven is more than half")]
    [TestCase(0, 0, false, TestName = "Nobody to vote: never valid")]
    public void Turnout_must_be_more_than_the_minimum_share(int ballots, int eligible, bool valid) =>
        Assert.That(EvaluationTally.IsValid(ballots, eligible, Defaults), Is.EqualTo(valid));

    [Test]
    public void A_configured_turnout_of_two_thirds_needs_more_than_two_thirds()
    {
        var twoThirds = new EvaluationConfig { MinTurnout = 0.6667m };
        Assert.Multiple(() =>
        {
            Assert.That(EvaluationTally.IsValid(20, 30, twoThirds), Is.False);
            Assert.That(EvaluationTally.IsValid(21, 30, twoThirds), Is.True);
        });
    }

    [Test]
    public void Unqualified_needs_more_than_half_of_the_ballots()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EvaluationTally.ReviewGrade(Votes(qualified: 5, unqualified: 5), 10, Defaults), Is.EqualTo(ReviewGrades.Qualified),
                "5 of 10 is exactly half: neither 不合格 nor (5 + 0 below 合格) 基本合格");
            Assert.That(EvaluationTally.ReviewGrade(Votes(qualified: 4, unqualified: 6), 10, Defaults), Is.EqualTo(ReviewGrades.Unqualified));
        });
    }

    [TestCase(4, 1, 5, ReviewGrades.Qualified, TestName = "4 基本合格 + 1 不合格 of 10 stays 合格")]
    [TestCase(5, 1, 4, ReviewGrades.BasicallyQualified, TestName = "5 基本合格 + 1 不合格 of 10 is 基本合格")]
    [TestCase(3, 3, 4, ReviewGrades.BasicallyQualified, TestName = "3 + 3 of 10: more than half are below 合格")]
    public void Basically_qualified_counts_both_lower_grades(int basic, int unqualified, int qualified, string expected) =>
        Assert.That(EvaluationTally.ReviewGrade(Votes(qualified: qualified, basic: basic, unqualified: unqualified), 10, Defaults), Is.EqualTo(expected));

    [TestCase(5, ReviewGrades.Qualified)]
    [TestCase(6, ReviewGrades.Excellent)]
    public void Excellent_needs_more_than_half(int excellent, string expected) =>
        Assert.That(EvaluationTally.ReviewGrade(Votes(excellent: excellent, qualified: 10 - excellent), 10, Defaults), Is.EqualTo(expected));

    [Test]
    public void Ballots_that_left_a_member_ungraded_still_count_in_the_base() =>
        Assert.That(EvaluationTally.ReviewGrade(Votes(excellent: 6), 12, Defaults), Is.EqualTo(ReviewGrades.Qualified), "6 of 12 is not more than half");

    [TestCase(90, BranchGrades.Good)]
    [TestCase(89.99, BranchGrades.FairlyGood)]
    [TestCase(80, BranchGrades.FairlyGood)]
    [TestCase(79.99, BranchGrades.Average)]
    [TestCase(60, BranchGrades.Average)]
    [TestCase(59.99, BranchGrades.Poor)]
    public void Branch_grades_start_at_90_80_and_60_percent_of_full_marks(decimal score, string grade) =>
        Assert.That(EvaluationTally.BranchGrade(score, new EvaluationConfig().For(EvaluationKinds.AnnualReview)), Is.EqualTo(grade));

    [Test]
    public void Thresholds_apply_to_the_share_of_a_sheet_that_does_not_add_up_to_100()
    {
        var sheet = new EvaluationConfig { Items = [new ScoreItem { Key = "a", Name = "甲", MaxPoints = 50 }] };
        Assert.Multiple(() =>
        {
            Assert.That(EvaluationTally.BranchGrade(45, sheet), Is.EqualTo(BranchGrades.Good));
            Assert.That(EvaluationTally.BranchGrade(44.9m, sheet), Is.EqualTo(BranchGrades.FairlyGood));
        });
    }

    [Test]
    public void The_default_sheet_has_four_items_worth_100_points()
    {
        var sheet = new EvaluationConfig().For(EvaluationKinds.AnnualReview);
        Assert.Multiple(() =>
        {
            Assert.That(sheet.Items.Select(i => i.Name), Is.EqualTo(new[] { "政治建设", "组织建设", "作风建设", "工作成效" }));
            Assert.That(sheet.FullMarks, Is.EqualTo(100m));
            Assert.That(new EvaluationConfig().For(EvaluationKinds.DemocraticReview).Items, Is.Empty);
        });
    }

    [Test]
    public void A_configuration_out_of_order_or_range_is_refused_field_by_field()
    {
        var errors = new ValidationErrors();
        new EvaluationConfig
        {
            MinTurnout = 1, ExcellentShare = -0.1m, GoodFrom = 80, FairlyGoodFrom = 85,
            Items = [new ScoreItem { Key = "a b", Name = "", MaxPoints = 0 }, new ScoreItem { Key = "a b", Name = "乙", MaxPoints = 10 }],
        }.Check(errors);
        Assert.That(errors.All.Select(e => e.Field), Is.EquivalentTo(new[]
        {
            "minTurnout", "excellentShare", "items[0].name", "items[0].key", "items[0].maxPoints", "items[1].key", "items", "goodFrom",
        }));
    }
}
