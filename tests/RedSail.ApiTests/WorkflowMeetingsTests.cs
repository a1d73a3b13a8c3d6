using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>Organisational life over HTTP: the quick record, calendar and detail, quorums, scope, concurrency, attachments, to-dos and the compliance board.</summary>
public sealed class WorkflowMeetingsTests : DemoInstituteTests
{
    private static int _births;
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>
    /// A fresh branch with full members and one probationary member, as Workflow sees it: with a committee, seven full members
    /// and a committee of the first five (a committee needs seven members), else five.
    /// </summary>
    private async Task<(Guid Branch, Guid[] Members, Guid Probationary)> BranchAsync(string code, bool committee = true)
    {
        var fullMembers = committee ? 7 : 5;
        var branch = (await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/organizations", new
        {
            parentId = await Demo.RootAsync(Host), code, name = "会议测试支部" + code, type = "branch", foundedOn = "2010-01-01",
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var members = new Guid[fullMembers];
        for (var i = 0; i < fullMembers; i++) members[i] = await PersonAsync(branch, "full_member", PersonBodies.FullMemberDates);
        var probationary = await PersonAsync(branch, "probationary", new { joinedOn = Today.AddMonths(-2).ToString("yyyy-MM-dd") });
        if (committee)
            await Problems.JsonAsync(await Committee.PostAsync($"/api/personnel/organizations/{branch}/committee-terms", new
            {
                electedOn = "2025-01-10", entitledVoters = fullMembers, presentVoters = fullMembers, electionMethod = "competitive",
                members = new[] { (members[0], "secretary"), (members[1], "deputy_secretary"), (members[2], "organization"), (members[3], "propaganda"),
                        (members[4], "discipline") }
                    .Select(m => new { personId = m.Item1, post = m.Item2 }),
            }), HttpStatusCode.Created);
        var ready = await Eventually.HoldsAsync(async () => await Host.ScalarAsync<bool>("""
            select (select count(*) from workflow.person where organization_id = @b) = @people
               and (select count(*) from workflow.committee_seat where organization_id = @b) = @seats
               and exists (select 1 from platform.organization where id = @b)
            """, ("b", branch), ("people", (long)fullMembers + 1), ("seats", committee ? 5L : 0L)));
        Assert.That(ready, Is.True, "the branch reached Workflow's read model");
        return (branch, members, probationary);
    }

    private async Task<Guid> PersonAsync(Guid branch, string status, object dates)
    {
        var birth = new DateOnly(1970, 1, 1).AddDays(Interlocked.Increment(ref _births) * 37);
        return (await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/people",
            PersonBodies.Person(branch, IdNumbers.Valid(birth, true), status, birth, dates: dates, name: "参会" + _births)), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
    }

    private static object Meeting(string type, DateOnly heldOn, IEnumerable<Guid> present, Guid host, object[]? excused = null, string place = "党员活动室",
        string topic = "学习党章") => new
    {
        type, startsAt = $"{heldOn:yyyy-MM-dd}T09:00:00+08:00", endsAt = $"{heldOn:yyyy-MM-dd}T10:30:00+08:00", place, hostPersonId = host,
        recorderName = "组织委员", topic, resolutions = "通过", present, excused = excused ?? [],
    };

    private async Task<JsonElement> RecordAsync(ApiClient client, Guid organization, object meeting, HttpStatusCode status = HttpStatusCode.Created) =>
        await Problems.JsonAsync(await client.PostAsync("/api/workflow/meetings", new { organizationId = organization, meeting }), status);

    private Task<long> MeetingsAsync(Guid organization) =>
        Host.ScalarAsync<long>("select count(*) from workflow.meeting where organization_id = @o", ("o", organization));

    [Test]
    public async Task A_recorded_meeting_is_in_the_calendar_and_its_detail_lists_everyone_of_the_roster()
    {
        var (branch, members, probationary) = await BranchAsync("MT-REC");
        var roster = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/organizations/{branch}/roster"));
        var recorded = await RecordAsync(Committee, branch, Meeting("theme_day", Today, members[..3].Append(probationary), members[0],
            [new { personId = members[3], reason = "出差" }]));

        var month = new DateOnly(Today.Year, Today.Month, 1);
        var calendar = await Problems.JsonAsync(await Committee.GetAsync(
            $"/api/workflow/meetings?organizationId={branch}&heldFrom={month:yyyy-MM-dd}&heldTo={month.AddMonths(1).AddDays(-1):yyyy-MM-dd}&pageSize=200"));
        var detail = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/meetings/{recorded.GetProperty("id").GetGuid()}"));
        var attendance = detail.GetProperty("attendance").EnumerateArray().ToDictionary(a => a.GetProperty("personId").GetGuid());

        Assert.Multiple(() =>
        {
            Assert.That(roster.GetArrayLength(), Is.EqualTo(8), "seven full members and a probationary member");
            Assert.That(recorded.GetProperty("expected").GetInt32(), Is.EqualTo(8));
            Assert.That(recorded.GetProperty("present").GetInt32(), Is.EqualTo(4));
            Assert.That(recorded.GetProperty("quorumRequired").GetBoolean(), Is.False, "a theme day has no quorum");
            Assert.That(calendar.GetProperty("total").GetInt64(), Is.EqualTo(1));
            Assert.That(calendar.GetProperty("items")[0].GetProperty("type").GetString(), Is.EqualTo("theme_day"));
            Assert.That(calendar.GetProperty("items")[0].GetProperty("heldOn").GetString(), Is.EqualTo(Today.ToString("yyyy-MM-dd")));
            Assert.That(detail.GetProperty("meeting").GetProperty("hostName").GetString(),
                Is.EqualTo(roster.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == members[0]).GetProperty("name").GetString()),
                "the host chosen from the roster, by name");
            Assert.That(roster.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == members[0]).GetProperty("committeePost").GetString(),
                Is.EqualTo("secretary"));
            Assert.That(attendance[members[3]].GetProperty("status").GetString(), Is.EqualTo("excused"));
            Assert.That(attendance[members[3]].GetProperty("reason").GetString(), Is.EqualTo("出差"));
            Assert.That(attendance[members[4]].GetProperty("status").GetString(), Is.EqualTo("absent"), "not ticked, not excused");
            Assert.That(attendance[probationary].GetProperty("status").GetString(), Is.EqualTo("present"));
        });
    }

    [Test]
    public async Task Bad_input_is_refused_field_by_field_and_changes_nothing()
    {
        var (branch, members, _) = await BranchAsync("MT-BAD", committee: false);
        var before = await MeetingsAsync(branch);
        var problem = await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/meetings", new
        {
            organizationId = branch,
            meeting = new
            {
                type = "picnic", startsAt = $"{Today.AddDays(3):yyyy-MM-dd}T09:00:00+08:00", place = " ", topic = "", present = new[] { members[0] },
                excused = new[] { new { personId = members[0], reason = "" } },
            },
        }), HttpStatusCode.BadRequest, "validation_failed");
        var groupAtBranch = await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/meetings", new
        {
            organizationId = branch, meeting = Meeting("group_meeting", Today, members, members[0]),
        }), HttpStatusCode.BadRequest, "validation_failed");
        var stranger = await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/meetings", new
        {
            organizationId = branch, meeting = Meeting("theme_day", Today, [Guid.NewGuid()], members[0]),
        }), HttpStatusCode.BadRequest, "validation_failed");
        var noCommittee = await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/meetings", new
        {
            organizationId = branch, meeting = Meeting("committee_meeting", Today, members, members[0]),
        }), HttpStatusCode.UnprocessableEntity, "no_committee");

        Assert.Multiple(async () =>
        {
            Assert.That(Problems.FieldError(problem, "meeting.type"), Does.Contain("会议类型").And.Contain("picnic"));
            Assert.That(Problems.FieldError(problem, "meeting.startsAt"), Does.Contain("不能晚于今天"));
            Assert.That(Problems.FieldError(problem, "meeting.place"), Does.Contain("地点不能为空"));
            Assert.That(Problems.FieldError(problem, "meeting.topic"), Does.Contain("议题不能为空"));
            Assert.That(Problems.FieldError(problem, "meeting.hostPersonId"), Does.Contain("主持人不能为空"));
            Assert.That(Problems.FieldError(problem, "meeting.excused[0].reason"), Does.Contain("原因不能为空"));
            Assert.That(Problems.FieldError(problem, "meeting.excused[0].personId"), Does.Contain("不能同时请假"));
            Assert.That(Problems.FieldError(groupAtBranch, "meeting.type"), Does.Contain("党小组"));
            Assert.That(Problems.FieldError(stranger, "meeting.present"), Does.Contain("名册"));
            Assert.That(noCommittee.GetProperty("detail").GetString() ?? noCommittee.ToString(), Does.Contain("支部委员会"));
            Assert.That(await MeetingsAsync(branch), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_meeting_below_its_quorum_is_recorded_and_flagged()
    {
        var (branch, members, probationary) = await BranchAsync("MT-QUO");
        // 支委会 of five seats: two present (and a member without a seat) is not more than half, three are.
        var thin = await RecordAsync(Committee, branch, Meeting("committee_meeting", Today, [members[0], members[1], members[5]], members[0]));
        var enough = await RecordAsync(Committee, branch, Meeting("committee_meeting", Today, members[..3], members[0]));
        // 支部党员大会 of seven voting members: the probationary member does not count; three of seven is not more than half, four are.
        var smallAssembly = await RecordAsync(Committee, branch, Meeting("general_meeting", Today, [.. members[..3], probationary], members[0]));
        var assembly = await RecordAsync(Committee, branch, Meeting("general_meeting", Today, members[..4], members[0]));
        var stored = await Host.ScalarAsync<bool>("select quorum_met from workflow.meeting where id = @id", ("id", thin.GetProperty("id").GetGuid()));

        Assert.Multiple(() =>
        {
            Assert.That(thin.GetProperty("quorumRequired").GetBoolean(), Is.True);
            Assert.That(thin.GetProperty("quorumMet").GetBoolean(), Is.False);
            Assert.That(thin.GetProperty("quorumEntitled").GetInt32(), Is.EqualTo(5));
            Assert.That(thin.GetProperty("quorumPresent").GetInt32(), Is.EqualTo(2));
            Assert.That(thin.GetProperty("warning").GetString(), Does.Contain("应到 5 人，实到 2 人"));
            Assert.That(stored, Is.False);
            Assert.That(enough.GetProperty("quorumMet").GetBoolean(), Is.True);
            Assert.That(enough.GetProperty("warning").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(smallAssembly.GetProperty("quorumMet").GetBoolean(), Is.False);
            Assert.That(smallAssembly.GetProperty("quorumEntitled").GetInt32(), Is.EqualTo(7));
            Assert.That(assembly.GetProperty("quorumMet").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task A_branch_secretary_sees_and_records_only_in_their_branch()
    {
        var (own, members, _) = await BranchAsync("MT-SEC1", committee: false);
        var (other, otherMembers, _) = await BranchAsync("MT-SEC2", committee: false);
        var theirs = await RecordAsync(Committee, other, Meeting("theme_day", Today, otherMembers, otherMembers[0]));
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, own));

        var mine = await RecordAsync(secretary, own, Meeting("theme_day", Today, members, members[0]));
        var list = await Problems.JsonAsync(await secretary.GetAsync("/api/workflow/meetings?pageSize=200"));
        var board = await Problems.JsonAsync(await secretary.GetAsync($"/api/workflow/compliance?year={Today.Year}"));

        Assert.Multiple(async () =>
        {
            Assert.That(list.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()), Is.EqualTo(new[] { mine.GetProperty("id").GetGuid() }));
            Assert.That(board.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetGuid()), Is.EqualTo(new[] { own }));
            await Problems.ExpectAsync(await secretary.GetAsync($"/api/workflow/meetings/{theirs.GetProperty("id").GetGuid()}"), HttpStatusCode.NotFound, "not_found");
            await Problems.ExpectAsync(await secretary.GetAsync($"/api/workflow/meetings?organizationId={other}"), HttpStatusCode.NotFound, "not_found");
            await Problems.ExpectAsync(await secretary.GetAsync($"/api/workflow/organizations/{other}/roster"), HttpStatusCode.NotFound, "not_found");
            await Problems.ExpectAsync(await secretary.PostAsync("/api/workflow/meetings", new
            {
                organizationId = other, meeting = Meeting("theme_day", Today, otherMembers, otherMembers[0]),
            }), HttpStatusCode.NotFound, "not_found");
            Assert.That(await MeetingsAsync(other), Is.EqualTo(1L));
        });
    }

    [Test]
    public async Task The_list_counts_up_to_a_thousand_meetings_exactly_and_says_more_beyond()
    {
        var (branch, members, _) = await BranchAsync("MT-CAP", committee: false);
        var recorded = (await RecordAsync(Committee, branch, Meeting("theme_day", Today, members, members[0]))).GetProperty("id").GetGuid();
        var one = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/meetings?organizationId={branch}"));
        // A thousand older party lectures, one a day, written straight to the table (recording each would take minutes).
        await Host.ExecuteAsync($"""
            insert into workflow.meeting (id, organization_id, type, held_on, starts_at, place, host_name, recorder_name, topic, expected, present,
                quorum_required)
            select gen_random_uuid(), '{branch}', 'party_lecture', d::date, d + interval '9 hours', '党员活动室', '书记', '组织委员', '党课', 6, 6, false
            from generate_series(current_date - 1000, current_date - 1, interval '1 day') d
            """);
        var many = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/meetings?organizationId={branch}&pageSize=20"));
        var theme = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/meetings?organizationId={branch}&meetingType=theme_day"));
        var day = await Problems.JsonAsync(await Committee.GetAsync(
            $"/api/workflow/meetings?organizationId={branch}&heldFrom={Today.AddDays(-3):yyyy-MM-dd}&heldTo={Today:yyyy-MM-dd}"));

        Assert.Multiple(() =>
        {
            Assert.That((one.GetProperty("total").GetInt64(), one.GetProperty("totalCapped").GetBoolean()), Is.EqualTo((1L, false)));
            Assert.That((many.GetProperty("total").GetInt64(), many.GetProperty("totalCapped").GetBoolean()), Is.EqualTo((1000L, true)),
                "1,001 meetings: counted up to the cap, and said to be more");
            Assert.That(many.GetProperty("items").GetArrayLength(), Is.EqualTo(20));
            Assert.That(many.GetProperty("items")[0].GetProperty("id").GetGuid(), Is.EqualTo(recorded), "newest first");
            Assert.That(many.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("heldOn").GetString()), Is.Ordered.Descending);
            Assert.That((theme.GetProperty("total").GetInt64(), theme.GetProperty("totalCapped").GetBoolean()), Is.EqualTo((1L, false)));
            Assert.That(day.GetProperty("totalCapped").GetBoolean(), Is.False);
            Assert.That(day.GetProperty("total").GetInt64(), Is.InRange(3L, 4L), "today's and the lectures of the days before (the database's date may lag)");
        });
    }

    [Test]
    public async Task A_stale_edit_is_a_conflict_and_a_removed_meeting_is_kept_but_no_longer_listed()
    {
        var (branch, members, _) = await BranchAsync("MT-VER", committee: false);
        var id = (await RecordAsync(Committee, branch, Meeting("theme_day", Today, members, members[0]))).GetProperty("id").GetGuid();
        var edited = await Problems.JsonAsync(await Committee.Http.PutAsJsonAsync($"/api/workflow/meetings/{id}", new
        {
            version = 1, meeting = Meeting("theme_day", Today, members[..2], members[0], topic: "重温入党誓词"),
        }));
        var stale = await Problems.ExpectAsync(await Committee.Http.PutAsJsonAsync($"/api/workflow/meetings/{id}", new
        {
            version = 1, meeting = Meeting("theme_day", Today, members, members[0]),
        }), HttpStatusCode.Conflict, "concurrency_conflict");
        var noReason = await Problems.ExpectAsync(await Committee.PostAsync($"/api/workflow/meetings/{id}/remove", new { version = 2, reason = "" }),
            HttpStatusCode.BadRequest, "validation_failed");
        await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/meetings/{id}/remove", new { version = 2, reason = "重复录入" }));
        var list = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/meetings?organizationId={branch}"));

        Assert.Multiple(async () =>
        {
            Assert.That(edited.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(edited.GetProperty("present").GetInt32(), Is.EqualTo(2));
            Assert.That(stale.GetProperty("currentVersion").GetInt64(), Is.EqualTo(2));
            Assert.That(Problems.FieldError(noReason, "reason"), Does.Contain("原因"));
            Assert.That(await Host.ScalarAsync<string>("select topic || '/' || removed_reason from workflow.meeting where id = @id", ("id", id)),
                Is.EqualTo("重温入党誓词/重复录入"));
            Assert.That(list.GetProperty("total").GetInt64(), Is.Zero);
        });
    }

    [Test]
    public async Task Attachments_are_checked_by_their_content_and_downloads_are_audited()
    {
        var (branch, members, _) = await BranchAsync("MT-ATT", committee: false);
        var id = (await RecordAsync(Committee, branch, Meeting("theme_day", Today, members, members[0]))).GetProperty("id").GetGuid();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
        var uploaded = await Problems.JsonAsync(await Committee.Http.PostAsync($"/api/workflow/meetings/{id}/attachments", File(png, "签到表.png")),
            HttpStatusCode.Created);
        var script = await Problems.ExpectAsync(await Committee.Http.PostAsync($"/api/workflow/meetings/{id}/attachments",
            File("<script>alert(1)</script>"u8.ToArray(), "minutes.pdf")), HttpStatusCode.BadRequest, "validation_failed");
        var download = await Committee.GetAsync($"/api/workflow/meetings/{id}/attachments/{uploaded.GetProperty("id").GetGuid()}");

        Assert.Multiple(async () =>
        {
            Assert.That(uploaded.GetProperty("contentType").GetString(), Is.EqualTo("image/png"));
            Assert.That(Problems.FieldError(script, "file"), Does.Contain("PDF"));
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(png));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.meeting_attachment where meeting_id = @id", ("id", id)), Is.EqualTo(1L));
            Assert.That(await Eventually.HoldsAsync(async () => await Host.ScalarAsync<long>(
                "select count(*) from platform.audit_log where action = 'workflow.meetings.attachment.download' and target_id = @a",
                ("a", uploaded.GetProperty("id").GetGuid().ToString())) == 1), Is.True);
        });
    }

    private static MultipartFormDataContent File(byte[] content, string name) => new() { { new ByteArrayContent(content), "file", name } };

    [Test]
    public async Task The_compliance_board_counts_the_meetings_recorded_in_a_fresh_branch()
    {
        var (branch, members, _) = await BranchAsync("MT-BOARD");
        var year = Today.Year - 1;
        async Task<JsonElement> MonthsAsync(int y) =>
            (await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/compliance?organizationId={branch}&year={y}"))).GetProperty("items")[0]
            .GetProperty("months");
        static JsonElement Item(JsonElement month, string type) =>
            month.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("type").GetString() == type);

        var before = await MonthsAsync(year);
        await RecordAsync(Committee, branch, Meeting("committee_meeting", new DateOnly(year, 3, 10), members[..3], members[0]));
        await RecordAsync(Committee, branch, Meeting("theme_day", new DateOnly(year, 3, 15), members, members[0]));
        await RecordAsync(Committee, branch, Meeting("general_meeting", new DateOnly(year, 2, 20), members, members[0]));
        var after = await MonthsAsync(year);
        var thisYear = await MonthsAsync(Today.Year);

        Assert.Multiple(() =>
        {
            Assert.That(before.EnumerateArray().Select(m => m.GetProperty("status").GetString()), Is.All.EqualTo("red"), "a year without meetings");
            Assert.That(Item(before[2], "general_meeting").GetProperty("required").GetInt32(), Is.EqualTo(1), "the first quarter's 党员大会, judged in March");
            Assert.That(before[2].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("type").GetString()),
                Is.EquivalentTo(new[] { "committee_meeting", "theme_day", "general_meeting" }), "no party groups: no 党小组会 due");
            Assert.That(Item(before[11], "party_lecture").GetProperty("status").GetString(), Is.EqualTo("red"), "yearly quotas judged in December");
            Assert.That(after[2].GetProperty("status").GetString(), Is.EqualTo("green"));
            Assert.That(Item(after[2], "general_meeting").GetProperty("held").GetInt32(), Is.EqualTo(1));
            Assert.That(after[1].GetProperty("status").GetString(), Is.EqualTo("red"), "February's own monthly quotas are still missing");
            Assert.That(Item(after[1], "committee_meeting").GetProperty("held").GetInt32(), Is.Zero);
            Assert.That(Item(thisYear[Today.Month - 1], "committee_meeting").GetProperty("status").GetString(), Is.EqualTo("yellow"),
                "this month is running");
            if (Today.Month < 12)
                Assert.That(Item(thisYear[Today.Month], "committee_meeting").GetProperty("status").GetString(), Is.EqualTo("upcoming"));
        });
    }

    [Test]
    public async Task Quota_and_absence_to_dos_open_with_what_is_due_and_close_when_resolved()
    {
        var (branch, members, _) = await BranchAsync("MT-TODO", committee: false);
        string Source(string type, DateOnly periodStart) => $"meeting_quota:{branch}:{type}:{periodStart:yyyy-MM-dd}";
        var month = new DateOnly(Today.Year, Today.Month, 1);
        Task<bool> OpenAsync(string source) =>
            Host.ScalarAsync<bool>("select exists (select 1 from workflow.todo where source = @s and closed_at is null)", ("s", source));

        // Three months of theme days (monthly) that the last member missed without excuse.
        foreach (var months in new[] { -2, -1, 0 })
            await RecordAsync(Committee, branch, Meeting("theme_day", Today.AddMonths(months), members[..4], members[0]));
        var absence = $"meeting_absence:{members[4]}";
        var absenceOpen = await OpenAsync(absence);
        var title = await Host.ScalarAsync<string>("select args->>1 from workflow.todo where source = @s", ("s", absence));
        var themeDayOpen = await OpenAsync(Source("theme_day", month));
        var lectureOpen = await OpenAsync(Source("party_lecture", new DateOnly(Today.Year, 1, 1)));
        await RecordAsync(Committee, branch, Meeting("general_meeting", Today, members, members[0]));

        Assert.Multiple(async () =>
        {
            Assert.That(absenceOpen, Is.True, "three months missed without excuse");
            Assert.That(title, Is.EqualTo("3"));
            Assert.That(themeDayOpen, Is.False, "this month's theme day was held");
            Assert.That(lectureOpen, Is.True, "no party lecture this year yet");
            Assert.That(await OpenAsync(absence), Is.False, "attended again");
            Assert.That(await Host.ScalarAsync<bool>("select exists (select 1 from workflow.todo where source = @s)", ("s", Source("committee_meeting", month))),
                Is.False, "a branch without a committee holds no committee meetings");
        });
    }
}

/// <summary>The demo's two years of organisational life on the board (a host of its own: only the demo institute's sixteen branches).</summary>
public sealed class WorkflowMeetingsDemoTests : DemoInstituteTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [Test]
    public async Task The_demo_years_are_mostly_compliant_with_a_few_branches_showing_gaps()
    {
        Assert.That(await Eventually.HoldsAsync(() => Host.ScalarAsync<bool>("""
            select (select count(*) from workflow.committee_seat) = (select count(*) from personnel.committee_member where to_on is null)
            """), 30000), Is.True, "every committee reached Workflow");
        await Demo.SeedWorkflowAsync(Host);
        var root = await Demo.RootAsync(Host);
        var reds = new HashSet<string>();
        var branches = new HashSet<string>();
        foreach (var year in new[] { Today.Year - 1, Today.Year })
        {
            var board = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/compliance?organizationId={root}&year={year}&pageSize=100"));
            foreach (var branch in board.GetProperty("items").EnumerateArray())
            {
                branches.Add(branch.GetProperty("name").GetString()!);
                if (branch.GetProperty("months").EnumerateArray().Any(m => m.GetProperty("status").GetString() == "red"))
                    reds.Add(branch.GetProperty("name").GetString()!);
            }
        }

        // A figure for the closing note, not an assertion: the whole board (16 branches × 12 months) as the committee sees it.
        var timings = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            (await Committee.GetAsync($"/api/workflow/compliance?organizationId={root}&year={Today.Year}")).EnsureSuccessStatusCode();
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }
        timings.Sort();
        TestContext.Progress.WriteLine($"compliance board, demo institute: median {timings[15]:0.0} ms, max {timings[^1]:0.0} ms over 30 requests");

        Assert.Multiple(async () =>
        {
            Assert.That(branches, Has.Count.EqualTo(16));
            Assert.That(reds, Has.Count.EqualTo(4), "the demo's four branches with gaps: " + string.Join("、", reds));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.todo where kind = 'meeting_absence' and closed_at is null"),
                Is.GreaterThanOrEqualTo(1L), "the member who stopped coming");
            Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.meeting_attendance where status = 'excused' and reason is not null"),
                Is.GreaterThan(0L));
        });
    }
}
