using NUnit.Framework;
using RedSail.BuildingBlocks.Rules;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.UnitTests;

/// <summary>The dues table of 中组发〔2008〕3号 (shared/DOMAIN.md §5) with its own band edges, the rounding, and the payment window.</summary>
public sealed class WorkflowDuesRulesTests
{
    private static readonly DuesRules Rules = WorkflowRules.Regulation2014.Dues;

    // In service: ≤3000 0.5%; 3000–5000 1%; 5000–10000 1.5%; >10000 2%, of the whole base, each band including its upper limit.
    [TestCase("3000.00", "15.00", "0.5")]
    [TestCase("3000.01", "30.00", "1")]
    [TestCase("5000", "50.00", "1")]
    [TestCase("5000.01", "75.00", "1.5")]
    [TestCase("10000", "150.00", "1.5")]
    [TestCase("10000.01", "200.00", "2")]
    [TestCase("0", "0.00", "0.5")]
    [TestCase("16000", "320.00", "2")]
    public void In_service_dues_apply_the_band_rate_to_the_whole_base(string monthlyBase, string amount, string rate)
    {
        var due = DuesCalculation.Due(Rules, DuesCategories.InService, decimal.Parse(monthlyBase));
        Assert.That(due.Amount, Is.EqualTo(decimal.Parse(amount)));
        Assert.That(due.RatePercent, Is.EqualTo(decimal.Parse(rate)));
    }

    [TestCase("5000", "25.00")]
    [TestCase("5000.01", "50.00")]
    [TestCase("3200", "16.00")]
    public void Retired_members_pay_half_a_percent_up_to_5000_and_one_percent_above(string pension, string amount) =>
        Assert.That(DuesCalculation.Due(Rules, DuesCategories.Retired, decimal.Parse(pension)).Amount, Is.EqualTo(decimal.Parse(amount)));

    [Test]
    public void Students_and_the_unemployed_pay_the_fixed_twenty_fen_whatever_the_base_and_the_exempt_nothing()
    {
        Assert.That(DuesCalculation.Due(Rules, DuesCategories.Fixed, 0m), Is.EqualTo(new DuesAmount(null, 0.20m)));
        Assert.That(DuesCalculation.Due(Rules, DuesCategories.Fixed, 8000m).Amount, Is.EqualTo(0.20m));
        Assert.That(DuesCalculation.Due(Rules, DuesCategories.Exempt, 8000m), Is.EqualTo(new DuesAmount(null, 0m)));
    }

    [TestCase("2501.00", "12.51")] // 12.505: half away from zero (banker's rounding would give 12.50)
    [TestCase("2500.99", "12.50")] // 12.50495
    [TestCase("2509.00", "12.55")] // 12.545
    [TestCase("3333.33", "33.33")] // 33.3333
    [TestCase("6666.67", "100.00")] // 100.00050
    public void Amounts_round_to_the_fen_half_away_from_zero(string monthlyBase, string amount) =>
        Assert.That(DuesCalculation.Due(Rules, DuesCategories.InService, decimal.Parse(monthlyBase)).Amount, Is.EqualTo(decimal.Parse(amount)));

    [Test]
    public void A_later_rule_set_with_other_bands_applies_from_its_date_only()
    {
        var revised = WorkflowRules.Regulation2014 with
        {
            Dues = Rules with { InService = [new DuesBand(4000m, 0.5m), new DuesBand(null, 1m)] },
        };
        var sets = new RuleSets<WorkflowRules>([
            new RuleSetVersion<WorkflowRules>(Guid.NewGuid(), "2014", "中组发〔2008〕3号", new DateOnly(2014, 5, 28), WorkflowRules.Regulation2014),
            new RuleSetVersion<WorkflowRules>(Guid.NewGuid(), "local", "本地调整", new DateOnly(2026, 7, 1), revised),
        ], WorkflowRules.Regulation2014);

        Assert.That(DuesCalculation.Due(sets.At(new DateOnly(2026, 6, 1)).Dues, DuesCategories.InService, 3500m).Amount, Is.EqualTo(35.00m));
        Assert.That(DuesCalculation.Due(sets.At(new DateOnly(2026, 7, 1)).Dues, DuesCategories.InService, 3500m).Amount, Is.EqualTo(17.50m));
        Assert.That(DuesCalculation.Due(sets.At(new DateOnly(2026, 7, 1)).Dues, DuesCategories.InService, 12000m).Amount, Is.EqualTo(120.00m));
    }

    [TestCase("2026-11-15", "2026-05-01", true)]  // six months back: the limit of back pay (补交不超过六个月)
    [TestCase("2026-11-15", "2026-04-01", false)] // seven
    [TestCase("2026-11-15", "2026-11-01", true)]  // the current month
    [TestCase("2026-11-15", "2027-11-01", true)]  // a year ahead: prepaying the rest of the year and next is allowed
    [TestCase("2026-11-15", "2027-12-01", false)] // thirteen months ahead
    [TestCase("2026-01-31", "2025-07-01", true)]  // across the year boundary
    [TestCase("2026-01-31", "2025-06-01", false)]
    public void Payments_reach_back_six_months_and_ahead_a_year(string today, string month, bool allowed) =>
        Assert.That(DuesCalculation.MayPay(Rules, DateOnly.Parse(month), DateOnly.Parse(today)), Is.EqualTo(allowed));

    [TestCase("12.34", true)]
    [TestCase("0", true)]
    [TestCase("12.345", false)]
    [TestCase("-0.01", false)]
    [TestCase("10000000000", false)]
    public void Money_has_at_most_two_decimals_and_fits_numeric_12_2(string amount, bool valid) =>
        Assert.That(DuesCalculation.IsMoney(decimal.Parse(amount)), Is.EqualTo(valid));
}
