using NUnit.Framework;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.UnitTests;

/// <summary>Organisational life (支部工作条例 2018, DOMAIN.md §6): quota periods, compliance statuses and quorums with the regulation's numbers.</summary>
public sealed class WorkflowMeetingsRulesTests
{
    private static readonly MeetingRules Regulation = WorkflowRules.Regulation2014.Meetings;

    [TestCase("month", "2026-02-14", "2026-02-01", "2026-02-28")]
    [TestCase("month", "2028-02-29", "2028-02-01", "2028-02-29")]
    [TestCase("quarter", "2026-01-01", "2026-01-01", "2026-03-31")]
    [TestCase("quarter", "2026-06-30", "2026-04-01", "2026-06-30")]
    [TestCase("quarter", "2026-11-29", "2026-10-01", "2026-12-31")]
    [TestCase("year", "2026-07-01", "2026-01-01", "2026-12-31")]
    public void A_date_falls_in_one_period_of_each_kind(string per, string date, string start, string end)
    {
        var period = QuotaPeriod.Containing(per, DateOnly.Parse(date));
        Assert.That((period.Start, period.End), Is.EqualTo((DateOnly.Parse(start), DateOnly.Parse(end))));
    }

    [Test]
    public void A_year_asks_twelve_committee_meetings_four_general_meetings_and_one_party_lecture()
    {
        var requirements = MeetingRequirement.Between(_ => Regulation, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        int Count(string type) => requirements.Count(r => r.Type == type);
        Assert.Multiple(() =>
        {
            Assert.That(Count(MeetingTypes.CommitteeMeeting), Is.EqualTo(12), "支委会 ≥1 per month");
            Assert.That(Count(MeetingTypes.ThemeDay), Is.EqualTo(12), "主题党日 every month");
            Assert.That(Count(MeetingTypes.GroupMeeting), Is.EqualTo(12), "党小组会 ≥1 per month");
            Assert.That(Count(MeetingTypes.GeneralMeeting), Is.EqualTo(4), "支部党员大会 ≥1 per quarter");
            Assert.That(Count(MeetingTypes.PartyLecture), Is.EqualTo(1), "党课 ≥1 per year");
            Assert.That(Count(MeetingTypes.LifeMeeting), Is.EqualTo(1), "组织生活会 ≥1 per year");
            Assert.That(requirements.Where(r => r.Type == MeetingTypes.GeneralMeeting).Select(r => r.Period.End.Month), Is.EqualTo(new[] { 3, 6, 9, 12 }),
                "a quarter's quota is judged in its last month");
            Assert.That(requirements.All(r => r.Required == 1), Is.True);
        });
    }

    [Test]
    public void Each_period_is_judged_by_the_rules_in_force_when_it_began()
    {
        // Local practice from July: a party lecture every quarter instead of every year.
        var quarterly = Regulation with
        {
            Quotas = new Dictionary<string, MeetingQuota>(Regulation.Quotas) { [MeetingTypes.PartyLecture] = new(MeetingQuota.Quarter, 1) },
        };
        var requirements = MeetingRequirement.Between(d => d >= new DateOnly(2026, 7, 1) ? quarterly : Regulation,
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        Assert.That(requirements.Where(r => r.Type == MeetingTypes.PartyLecture).Select(r => (r.Period.Per, r.Period.End)),
            Is.EqualTo(new[] { ("quarter", new DateOnly(2026, 9, 30)), ("year", new DateOnly(2026, 12, 31)), ("quarter", new DateOnly(2026, 12, 31)) }),
            "the year began under the yearly rule; the third and fourth quarters under the quarterly one");
    }

    [TestCase(1, 1, "2026-11-01", "2026-11-30", "2026-11-29", ComplianceStatus.Green)]
    [TestCase(0, 1, "2026-11-01", "2026-11-30", "2026-11-29", ComplianceStatus.Yellow)]
    [TestCase(0, 1, "2026-11-01", "2026-11-30", "2026-11-30", ComplianceStatus.Yellow)]
    [TestCase(0, 1, "2026-10-01", "2026-10-31", "2026-11-01", ComplianceStatus.Red)]
    [TestCase(2, 1, "2026-10-01", "2026-10-31", "2026-11-01", ComplianceStatus.Green)]
    [TestCase(1, 2, "2026-07-01", "2026-09-30", "2026-11-01", ComplianceStatus.Red)]
    [TestCase(0, 1, "2026-12-01", "2026-12-31", "2026-11-29", ComplianceStatus.Upcoming)]
    [TestCase(0, 1, "2026-01-01", "2026-12-31", "2026-11-29", ComplianceStatus.Yellow)]
    public void Met_is_green_running_is_yellow_ended_is_red(int held, int required, string start, string end, string today, string expected) =>
        Assert.That(ComplianceStatus.Of(held, required, DateOnly.Parse(start), DateOnly.Parse(end), DateOnly.Parse(today)), Is.EqualTo(expected));

    [Test]
    public void A_month_shows_the_worst_of_its_items()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ComplianceStatus.Worst([ComplianceStatus.Green, ComplianceStatus.Red, ComplianceStatus.Yellow]), Is.EqualTo(ComplianceStatus.Red));
            Assert.That(ComplianceStatus.Worst([ComplianceStatus.Upcoming, ComplianceStatus.Yellow]), Is.EqualTo(ComplianceStatus.Yellow));
            Assert.That(ComplianceStatus.Worst([ComplianceStatus.Upcoming, ComplianceStatus.Green]), Is.EqualTo(ComplianceStatus.Green));
            Assert.That(ComplianceStatus.Worst([]), Is.EqualTo(ComplianceStatus.None));
        });
    }

    [TestCase(3, 5, true, TestName = "支委会 of 5 with 3 present: more than half")]
    [TestCase(2, 5, false, TestName = "支委会 of 5 with 2 present: not more than half")]
    [TestCase(2, 4, false, TestName = "支委会 of 4 with 2 present: exactly half is not more than half")]
    [TestCase(3, 4, true, TestName = "支委会 of 4 with 3 present")]
    [TestCase(2, 3, true, TestName = "支委会 of 3 with 2 present")]
    [TestCase(0, 0, false, TestName = "nobody entitled is never a quorum")]
    public void A_committee_meeting_needs_more_than_half_of_its_seats(int present, int seats, bool met) =>
        Assert.That(MeetingQuorum.IsMet(present, seats, MeetingQuorum.PercentFor(MeetingTypes.CommitteeMeeting, Regulation)!.Value), Is.EqualTo(met));

    [Test]
    public void A_general_meeting_needs_more_than_half_of_its_voting_members_and_other_meetings_have_no_quorum()
    {
        var percent = MeetingQuorum.PercentFor(MeetingTypes.GeneralMeeting, Regulation)!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(MeetingQuorum.IsMet(6, 11, percent), Is.True, "6 of 11 full members");
            Assert.That(MeetingQuorum.IsMet(5, 10, percent), Is.False, "5 of 10 is half, not more");
            Assert.That(MeetingQuorum.PercentFor(MeetingTypes.ThemeDay, Regulation), Is.Null);
            Assert.That(MeetingQuorum.PercentFor(MeetingTypes.GroupMeeting, Regulation), Is.Null);
        });
    }
}
