using NUnit.Framework;
using RedSail.BuildingBlocks.Validation;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.UnitTests;

/// <summary>Members' yearly study minimum (local practice, 32 hours unless the rule set says otherwise) and hours as recorded.</summary>
public sealed class WorkflowStudyRulesTests
{
    [Test]
    public void The_default_minimum_is_32_hours_a_year() => Assert.That(WorkflowRules.Regulation2014.Study.YearlyMinimumHours, Is.EqualTo(32m));

    [TestCase(31.9, true)]
    [TestCase(32, false)]
    [TestCase(40.5, false)]
    public void Members_below_the_minimum_are_flagged(decimal hours, bool below) =>
        Assert.That(StudyKinds.BelowMinimum(hours, new StudyRules()), Is.EqualTo(below));

    [Test]
    public void A_rule_set_may_lower_the_minimum() =>
        Assert.That(StudyKinds.BelowMinimum(7.5m, new StudyRules { YearlyMinimumHours = 6m }), Is.False);

    [TestCase(-1, false)]
    [TestCase(0, true)]
    [TestCase(500, true)]
    [TestCase(501, false)]
    public void The_minimum_is_between_0_and_500(decimal minimum, bool valid)
    {
        var errors = new ValidationErrors();
        new StudyRules { YearlyMinimumHours = minimum }.Check(errors);
        Assert.That(errors.Any, Is.EqualTo(!valid));
    }

    [TestCase(0.5, true)]
    [TestCase(200, true)]
    [TestCase(0, false)]
    [TestCase(0.25, false)]
    [TestCase(200.5, false)]
    public void Hours_are_recorded_to_the_tenth_above_nothing_and_at_most_200(decimal hours, bool valid) =>
        Assert.That(StudyKinds.ValidHours(hours), Is.EqualTo(valid));
}
