namespace RedSail.Modules.Workflow.Domain;

/// <summary>A member's dues category: what the base is and which table of <see cref="DuesRules"/> applies.</summary>
internal static class DuesCategories
{
    /// <summary>In service: a rate of the monthly after-tax fixed pay (岗位 + 薪级 + 绩效 + 津补贴).</summary>
    public const string InService = "in_service";
    /// <summary>Retired: a rate of the pension.</summary>
    public const string Retired = "retired";
    /// <summary>Students, the unemployed, relief recipients: the fixed monthly amount, whatever the base.</summary>
    public const string Fixed = "fixed";
    /// <summary>Exempt (e.g. hardship decided for good): nothing due.</summary>
    public const string Exempt = "exempt";

    public static readonly IReadOnlyList<string> All = [InService, Retired, Fixed, Exempt];
}

/// <summary>What a month's dues are: the rate applied (null for a fixed amount or exemption) and the amount, in yuan to the fen.</summary>
internal sealed record DuesAmount(decimal? RatePercent, decimal Amount);

/// <summary>The monthly dues of 中组发〔2008〕3号 from a category and a base, with the bands of the rule set in force that month.</summary>
internal static class DuesCalculation
{
    /// <summary>The most a base may be (numeric(12,2)); anything above is a typing error, not a salary.</summary>
    public const decimal MaxBase = 9_999_999_999.99m;

    public static DuesAmount Due(DuesRules rules, string category, decimal monthlyBase) => category switch
    {
        DuesCategories.InService => ByBand(rules.InService, monthlyBase),
        DuesCategories.Retired => ByBand(rules.Retired, monthlyBase),
        DuesCategories.Fixed => new DuesAmount(null, rules.FixedMonthly),
        DuesCategories.Exempt => new DuesAmount(null, 0m),
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "not a dues category"),
    };

    /// <summary>
    /// The rate of the first band whose upper limit the base does not exceed (a band includes its limit: 3000.00 is in the
    /// 0.5% band, 3000.01 in the 1% band), applied to the whole base, not in tiers.
    /// </summary>
    public static DuesAmount ByBand(IReadOnlyList<DuesBand> bands, decimal monthlyBase)
    {
        var band = bands.First(b => b.UpTo is null || monthlyBase <= b.UpTo);
        return new DuesAmount(band.Percent, ToFen(monthlyBase * band.Percent / 100m));
    }

    /// <summary>
    /// Rounds to the fen half away from zero (四舍五入), the way a branch treasurer rounds by hand and the way amounts on a
    /// receipt are read: 2501.00 × 0.5% = 12.505 → 12.51. Banker's rounding (.NET's default) would give 12.50 and disagree
    /// with the receipt the member checks against. decimal keeps every product exact before this one rounding.
    /// </summary>
    public static decimal ToFen(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>The first day of the month of a date: dues are owed per calendar month.</summary>
    public static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/> (both first days): positive when <paramref name="to"/> is later.</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month;

    /// <summary>
    /// Whether a payment may be recorded for a month as of <paramref name="today"/>: back pay at most
    /// <see cref="DuesRules.BackPayMaxMonths"/> months before the current month (补交不超过六个月), and payment in advance up to
    /// <see cref="DuesRules.PrepayMaxMonths"/> months ahead, because members often pay the rest of the year at once (按季度/半年/全年预交).
    /// </summary>
    public static bool MayPay(DuesRules rules, DateOnly month, DateOnly today)
    {
        var offset = MonthsBetween(MonthOf(today), MonthOf(month));
        return offset >= -rules.BackPayMaxMonths && offset <= rules.PrepayMaxMonths;
    }

    /// <summary>How far ahead any dues month may be named at all (the bound of the rule's <see cref="DuesRules.PrepayMaxMonths"/>).</summary>
    public const int MaxMonthsAhead = 24;

    /// <summary>Money as entered: not negative, at most two decimals (fen), within numeric(12,2).</summary>
    public static bool IsMoney(decimal amount) => amount >= 0m && amount <= MaxBase && decimal.Round(amount, 2) == amount;
}
