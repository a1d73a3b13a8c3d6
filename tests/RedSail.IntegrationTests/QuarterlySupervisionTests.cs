using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using RedSail.BuildingBlocks;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.RunQuarterlySupervision;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>
/// Quarterly supervision over a quarter recorded by hand for three demo branches, against results computed by hand from the
/// 2014 rules: RS-01 kept every quota (green), RS-02 too but with 70 % attendance (yellow: below 80, not below 60), RS-03
/// held nothing, let a member owe three months and a task pass its date (red on those items). Then: a second run changes
/// nothing, a stored report cannot be changed, and the red branch has a to-do until it answers.
/// </summary>
public sealed class QuarterlySupervisionTests
{
    private TestHost _host = null!;
    private Quarter _quarter;
    private SupervisionRun _first = null!;

    [OneTimeSetUp]
    public async Task RecordAQuarter()
    {
        _host = await TestHost.StartFreshAsync();
        await _host.SendAsync(new SeedDemoData());
        Assert.That(await Eventually.HoldsAsync(async () => await _host.ScalarAsync<bool>("""
            select (select count(*) from workflow.person) = (select count(*) from personnel.person)
               and (select count(*) from workflow.person_record) = (select count(*) from personnel.person_record)
               and (select count(*) from workflow.organization where term_id is not null) = (select count(*) from personnel.committee_term)
            """), 30000), Is.True, "the read model caught up");
        _quarter = Quarter.LastEnded(_host.Services.GetRequiredService<IClock>().Today);
        var months = Enumerable.Range(0, 3).Select(i => _quarter.Start.AddMonths(i)).ToArray();

        // RS-01 and RS-02: every monthly type every month (a group meeting for each of their party groups), the quarter's general
        // meeting, and this year's yearly ones; ten expected at each, nine present (RS-01) or seven (RS-02).
        foreach (var (code, present) in new[] { ("RS-01", 9), ("RS-02", 7) })
        {
            foreach (var month in months)
            {
                await MeetingAsync(code, "committee_meeting", month.AddDays(4), present);
                await MeetingAsync(code, "theme_day", month.AddDays(9), present);
                foreach (var group in await GroupsAsync(code)) await MeetingAsync(group, "group_meeting", month.AddDays(14), present, byId: true);
            }
            await MeetingAsync(code, "general_meeting", months[1].AddDays(2), present);
            foreach (var type in new[] { "party_lecture", "life_meeting", "democratic_review", "heart_to_heart_talk" })
                await MeetingAsync(code, type, _quarter.YearStart.AddDays(20), present);
            await TaskAsync(code, _quarter.Start.AddDays(30), done: true);
        }

        // RS-03: no meeting; a member owes the quarter's three months; a task due in the quarter is still open.
        var member = await _host.ScalarAsync<Guid>("""
            select p.id from workflow.person p join workflow.organization o on o.id = p.organization_id
            join personnel.organization b on b.id = coalesce(case when o.type = 'party_group' then o.parent_id end, o.id)
            where b.code = 'RS-03' and p.party_status = 'full_member' order by p.id limit 1
            """);
        foreach (var month in months)
            await _host.ExecuteAsync($"""
                insert into workflow.dues_month (person_id, month, organization_id, category, base, rate_percent, amount_due)
                select '{member}', date '{month:yyyy-MM-dd}', organization_id, 'in_service', 4000, 1, 40 from workflow.person where id = '{member}'
                """);
        await TaskAsync("RS-03", _quarter.Start.AddDays(40), done: false);
        _first = await _host.SendAsync(new RunQuarterlySupervision(_quarter.ToString()));
    }

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    [Test]
    public async Task Scorecards_match_the_hand_computed_results_and_a_second_run_changes_nothing()
    {
        var first = _first;
        var again = await _host.SendAsync(new RunQuarterlySupervision(_quarter.ToString()));
        var branches = await _host.ScalarAsync<int>(
            "select count(*)::int from workflow.organization where status = 'active' and type in ('branch', 'joint_branch', 'temporary_branch', 'general_branch')");

        Assert.Multiple(async () =>
        {
            Assert.That(first.AlreadyRun, Is.False);
            Assert.That(first.Branches, Is.EqualTo(branches));
            Assert.That((again.AlreadyRun, again.Branches, again.Green, again.Yellow, again.Red),
                Is.EqualTo((true, first.Branches, first.Green, first.Yellow, first.Red)));
            Assert.That(await GradeAsync("RS-01"), Is.EqualTo("green"));
            Assert.That(await GradeAsync("RS-02"), Is.EqualTo("yellow"));
            Assert.That(await GradeAsync("RS-03"), Is.EqualTo("red"));

            var rs01 = await ItemsAsync("RS-01");
            Assert.That(rs01.Where(i => i.Status != "none").Select(i => i.Status), Is.All.EqualTo("green"), string.Join(", ", rs01));
            Assert.That(rs01.Single(i => i.Kind == "attendance").Value, Is.EqualTo("90.0"));
            Assert.That(rs01.Single(i => i.Type == "group_meeting").Expected, Is.EqualTo(3 * (await GroupsAsync("RS-01")).Count));

            var rs02 = await ItemsAsync("RS-02");
            Assert.That(rs02.Single(i => i.Kind == "attendance"), Is.EqualTo(new Item("attendance", null, "yellow", "70.0", 80, null)));
            Assert.That(rs02.Where(i => i.Kind != "attendance" && i.Status != "none").Select(i => i.Status), Is.All.EqualTo("green"));

            var rs03 = await ItemsAsync("RS-03");
            Assert.That(rs03.Single(i => i.Type == "committee_meeting"), Is.EqualTo(new Item("meeting", "committee_meeting", "red", "0", 3, 3)));
            Assert.That(rs03.Single(i => i.Type == "general_meeting"), Is.EqualTo(new Item("meeting", "general_meeting", "red", "0", 1, 1)));
            Assert.That(rs03.Single(i => i.Kind == "dues").Status, Is.EqualTo("red"));
            Assert.That(rs03.Single(i => i.Kind == "plan_tasks").Status, Is.EqualTo("red"));
            Assert.That(rs03.Single(i => i.Kind == "attendance").Status, Is.EqualTo("none"), "no meeting: attendance does not apply");

            Assert.That(await _host.ScalarAsync<long>("select count(*) from workflow.outbox where event_type = 'QuarterlySupervisionCompleted'"), Is.EqualTo(1L));
        });

        // A stored report is the record of that quarter: not even the owner may change it.
        var change = await Assert.ThrowsAsync<PostgresException>(() => _host.ExecuteAsync("update workflow.supervision_report set grade = 'green'"));
        Assert.That(change!.MessageText, Does.Contain("immutable"));
    }

    [Test]
    public async Task A_red_branch_has_a_to_do_until_it_answers()
    {
        var rs03 = await BranchAsync("RS-03");
        Assert.That(await OpenToDosAsync(rs03), Is.EqualTo(1L));
        await _host.SendAsync(new RedSail.Modules.Workflow.Features.RespondToSupervision.RespondToSupervision(_quarter.ToString(), rs03,
            "本月起每月第一周召开支委会；欠缴党费已督促补缴；任务下月完成。"));
        Assert.That(await OpenToDosAsync(rs03), Is.Zero);
        Assert.That(await OpenToDosAsync(await BranchAsync("RS-01")), Is.Zero, "green branches have nothing to answer");
    }

    private Task<long> OpenToDosAsync(Guid branch) => _host.ScalarAsync<long>(
        "select count(*) from workflow.todo where kind = 'supervision_grade' and organization_id = @branch and closed_at is null", ("branch", branch));

    private Task<Guid> BranchAsync(string code) => _host.ScalarAsync<Guid>("select id from personnel.organization where code = @code", ("code", code));

    private async Task<List<Guid>> GroupsAsync(string code)
    {
        var branch = await BranchAsync(code);
        var ids = await _host.ScalarAsync<Guid[]>(
            "select coalesce(array_agg(id), '{}') from workflow.organization where parent_id = @branch and type = 'party_group' and status = 'active'",
            ("branch", branch));
        return [.. ids!];
    }

    private async Task MeetingAsync(object organization, string type, DateOnly on, int present, bool byId = false)
    {
        var id = byId ? (Guid)organization : await BranchAsync((string)organization);
        await _host.ExecuteAsync($"""
            insert into workflow.meeting (id, organization_id, type, held_on, starts_at, place, host_name, recorder_name, topic, expected, present,
                quorum_required, quorum_met)
            values (gen_random_uuid(), '{id}', '{type}', date '{on:yyyy-MM-dd}', date '{on:yyyy-MM-dd}' + time '14:30', '党员活动室', '书记', '组织委员',
                '学习贯彻', 10, {present}, false, null)
            """);
    }

    private async Task TaskAsync(string code, DateOnly due, bool done)
    {
        var branch = await BranchAsync(code);
        var plan = Guid.NewGuid();
        await _host.ExecuteAsync($"""
            insert into workflow.plan (id, organization_id, year, level, title, status, published_at)
            values ('{plan}', '{branch}', {due.Year}, 'branch', '年度工作布局', 'published', now());
            insert into workflow.plan_task (id, plan_id, organization_id, owner_organization_id, title, due_on, status, completed_on)
            values (gen_random_uuid(), '{plan}', '{branch}', '{branch}', '开展主题教育', date '{due:yyyy-MM-dd}',
                    '{(done ? "done" : "open")}', {(done ? $"date '{due:yyyy-MM-dd}'" : "null")});
            """);
    }

    private Task<string?> GradeAsync(string code) => _host.ScalarAsync<string>("""
        select r.grade from workflow.supervision_report r join personnel.organization o on o.id = r.organization_id
        where o.code = @code and r.quarter = @quarter
        """, ("code", code), ("quarter", _quarter.ToString()));

    private async Task<List<Item>> ItemsAsync(string code)
    {
        var json = await _host.ScalarAsync<string>("""
            select r.items::text from workflow.supervision_report r join personnel.organization o on o.id = r.organization_id
            where o.code = @code and r.quarter = @quarter
            """, ("code", code), ("quarter", _quarter.ToString()));
        return JsonDocument.Parse(json!).RootElement.EnumerateArray().Select(e => new Item(
            e.GetProperty("item").GetString()!,
            e.TryGetProperty("type", out var type) ? type.GetString() : null,
            e.GetProperty("status").GetString()!,
            e.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null,
            e.TryGetProperty("expected", out var expected) && expected.ValueKind == JsonValueKind.Number ? expected.GetDecimal() : null,
            e.TryGetProperty("missedPeriods", out var missed) ? missed.GetInt32() : null)).ToList();
    }

    private sealed record Item(string Kind, string? Type, string Status, string? Value, decimal? Expected, int? MissedPeriods);
}
