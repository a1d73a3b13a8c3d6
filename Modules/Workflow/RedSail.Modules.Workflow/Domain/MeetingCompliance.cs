namespace RedSail.Modules.Workflow.Domain;

/// <summary>One period of a quota (a month, a quarter or a year), first and last day included.</summary>
internal sealed record QuotaPeriod(string Per, DateOnly Start, DateOnly End)
{
    /// <summary>The period of kind <paramref name="per"/> (<see cref="MeetingQuota"/>) that contains <paramref name="date"/>.</summary>
    public static QuotaPeriod Containing(string per, DateOnly date)
    {
        var start = per switch
        {
            MeetingQuota.Month => new DateOnly(date.Year, date.Month, 1),
            MeetingQuota.Quarter => new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1),
            MeetingQuota.Year => new DateOnly(date.Year, 1, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(per), per, "month, quarter or year"),
        };
        var months = per switch { MeetingQuota.Month => 1, MeetingQuota.Quarter => 3, _ => 12 };
        return new QuotaPeriod(per, start, start.AddMonths(months).AddDays(-1));
    }

    /// <summary>The periods of kind <paramref name="per"/> that overlap [<paramref name="from"/>, <paramref name="to"/>], in order.</summary>
    public static IEnumerable<QuotaPeriod> Overlapping(string per, DateOnly from, DateOnly to)
    {
        for (var period = Containing(per, from); period.Start <= to; period = Containing(per, period.End.AddDays(1)))
            yield return period;
    }
}

/// <summary>Quorums (支部工作条例 2018): a meeting is valid with more than the rule's share of those entitled present (超过半数).</summary>
internal static class MeetingQuorum
{
    /// <summary>Whether the meeting type has a quorum in the rule set: 支委会 (committee seats) and 支部党员大会 (voting members).</summary>
    public static int? PercentFor(string type, MeetingRules rules) => type switch
    {
        MeetingTypes.CommitteeMeeting => rules.CommitteeQuorumPercent,
        MeetingTypes.GeneralMeeting => rules.GeneralMeetingQuorumPercent,
        _ => null,
    };

    /// <summary>More than <paramref name="percent"/> % of <paramref name="entitled"/> present; nobody entitled is never a quorum.</summary>
    public static bool IsMet(int present, int entitled, int percent) => entitled > 0 && present * 100L > entitled * (long)percent;
}

/// <summary>What the rule set requires in a span of time: at least <see cref="Required"/> meetings of <see cref="Type"/> in <see cref="Period"/>.</summary>
internal sealed record MeetingRequirement(string Type, QuotaPeriod Period, int Required)
{
    /// <summary>
    /// Every requirement whose period overlaps [<paramref name="from"/>, <paramref name="to"/>], each from the rules in force when
    /// its period began (a new version applies from the next period: a period is judged by one rule).
    /// </summary>
    public static IReadOnlyList<MeetingRequirement> Between(Func<DateOnly, MeetingRules> rulesAt, DateOnly from, DateOnly to) =>
        MeetingQuota.Periods.SelectMany(per => QuotaPeriod.Overlapping(per, from, to))
            .SelectMany(period => rulesAt(period.Start).Quotas
                .Where(q => q.Value.Per == period.Per && q.Value.Count > 0)
                .Select(q => new MeetingRequirement(q.Key, period, q.Value.Count)))
            .OrderBy(r => r.Period.End).ThenBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Period.Start)
            .ToList();
}
