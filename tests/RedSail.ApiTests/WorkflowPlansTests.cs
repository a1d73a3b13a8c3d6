using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>Annual deployment over HTTP: the committee's plan, tasks to branches, reports with evidence, review, to-dos, scope.</summary>
public sealed class WorkflowPlansTests : DemoInstituteTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% evidence\n"u8.ToArray();

    private static int ThisYear => DateTime.Today.Year;

    private async Task<ApiClient> SecretaryAsync(Guid branch)
    {
        var client = Host.Client();
        await client.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, branch));
        return client;
    }

    /// <summary>A published committee plan for a year with one task for each given branch.</summary>
    private async Task<(Guid Plan, Guid[] Tasks)> PublishedPlanAsync(int year, string dueOn, params Guid[] branches)
    {
        var plan = (await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/plans", new
        {
            organizationId = await Demo.RootAsync(Host), year, title = $"{year}年党建工作要点", planSummary = "全年部署",
        }))).GetProperty("id").GetGuid();
        var tasks = await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/plans/{plan}/tasks", new
        {
            title = "开展党纪学习教育", expectedResult = "每名党员参加集中学习不少于 2 次", dueOn, ownerOrganizationIds = branches,
        }), HttpStatusCode.Created);
        await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/plans/{plan}/publish", new { version = 1 }));
        return (plan, tasks.GetProperty("ids").EnumerateArray().Select(i => i.GetGuid()).ToArray());
    }

    private static MultipartFormDataContent Report(string completedOn, string note, long version, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(completedOn), "completedOn" }, { new StringContent(note), "completionNote" }, { new StringContent(version.ToString()), "version" },
        };
        foreach (var (name, content) in files) form.Add(new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "files", name);
        return form;
    }

    private Task<bool> OpenTodoAsync(string kind, Guid task) =>
        Host.ScalarAsync<bool>("select exists (select 1 from workflow.todo where source = @source and closed_at is null)", ("source", $"{kind}:{task}"));

    private async Task<JsonElement> TaskAsync(ApiClient client, Guid task) =>
        (await Problems.JsonAsync(await client.GetAsync($"/api/workflow/plan-tasks/{task}"))).GetProperty("task");

    [Test]
    public async Task A_branch_reports_with_evidence_the_committee_returns_it_with_a_reason_and_accepts_the_second_report()
    {
        var year = ThisYear - 1;
        var rs02 = await Demo.BranchAsync(Host, "RS-02");
        // Due in the past: a plan may be recorded afterwards, and the overdue task is the branch's to-do at once.
        var (plan, tasks) = await PublishedPlanAsync(year, $"{year}-06-30", Branch, rs02);
        Assert.That(tasks, Has.Length.EqualTo(2), "one task per branch");
        var task = tasks[0];
        using var secretary = await SecretaryAsync(Branch);

        var mine = await Problems.JsonAsync(await secretary.GetAsync($"/api/workflow/branches/{Branch}/plan-tasks?year={year}"));
        Assert.That(mine.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()), Is.EqualTo(new[] { task }));
        Assert.That(mine.GetProperty("items")[0].GetProperty("overdue").GetBoolean(), Is.True);
        Assert.That(await OpenTodoAsync("plan_task_due", task), Is.True, "the overdue task is the branch's to-do");
        var todos = await Problems.JsonAsync(await secretary.GetAsync("/api/workflow/todos?kind=plan_task_due"));
        Assert.That(todos.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("subjectId").GetGuid()), Does.Contain(task));

        await Problems.JsonAsync(await secretary.Http.PostAsync($"/api/workflow/plan-tasks/{task}/completion",
            Report($"{year}-06-20", "全体党员参加两次集中学习", 1, ("学习记录.pdf", Pdf))));
        Assert.That(await OpenTodoAsync("plan_task_due", task), Is.False, "reported: no longer due");
        Assert.That(await OpenTodoAsync("plan_task_review", task), Is.True, "the committee reviews the report");

        var notEnough = await Problems.ExpectAsync(await Committee.PostAsync($"/api/workflow/plan-tasks/{task}/review", new { accept = false, version = 2 }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(notEnough, "reason"), Does.Contain("原因"));
        await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/plan-tasks/{task}/review",
            new { accept = false, reason = "缺少签到表", version = 2 }));
        var returned = await TaskAsync(secretary, task);
        Assert.That(returned.GetProperty("status").GetString(), Is.EqualTo("open"));
        Assert.That(await OpenTodoAsync("plan_task_review", task), Is.False);
        Assert.That(await OpenTodoAsync("plan_task_due", task), Is.True, "open again, still overdue");

        await Problems.JsonAsync(await secretary.Http.PostAsync($"/api/workflow/plan-tasks/{task}/completion",
            Report($"{year}-06-28", "补充签到表", 3, ("签到表.pdf", Pdf))));
        await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/plan-tasks/{task}/review", new { accept = true, version = 4 }));

        var detail = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/plan-tasks/{task}"));
        Assert.That(detail.GetProperty("task").GetProperty("status").GetString(), Is.EqualTo("done"));
        Assert.That(detail.GetProperty("task").GetProperty("accepted").GetBoolean(), Is.True);
        Assert.That(detail.GetProperty("task").GetProperty("completionNote").GetString(), Is.EqualTo("补充签到表"));
        Assert.That(detail.GetProperty("files").GetArrayLength(), Is.EqualTo(2), "both reports' evidence is kept");
        Assert.That(detail.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()),
            Is.EqualTo(new[] { "accepted", "reported", "returned", "reported", "assigned" }));
        Assert.That(detail.GetProperty("history")[2].GetProperty("note").GetString(), Is.EqualTo("缺少签到表"));
        Assert.That(await OpenTodoAsync("plan_task_review", task), Is.False);

        var file = await secretary.GetAsync($"/api/workflow/plan-task-files/{detail.GetProperty("files")[0].GetProperty("id").GetGuid()}");
        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(file.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(await file.Content.ReadAsByteArrayAsync(), Is.EqualTo(Pdf));

        var progress = (await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/plans/{plan}"))).GetProperty("progress").EnumerateArray()
            .ToDictionary(p => p.GetProperty("organizationId").GetGuid(), p => (Done: p.GetProperty("done").GetInt32(), Overdue: p.GetProperty("overdue").GetInt32()));
        Assert.That(progress[Branch], Is.EqualTo((1, 0)));
        Assert.That(progress[rs02], Is.EqualTo((0, 1)));
    }

    [Test]
    public async Task Another_branchs_task_is_not_found_and_a_draft_is_nobodys_yet()
    {
        var year = ThisYear - 2;
        var rs03 = await Demo.BranchAsync(Host, "RS-03");
        var (_, tasks) = await PublishedPlanAsync(year, $"{year}-09-30", rs03);
        using var secretary = await SecretaryAsync(Branch);

        Assert.That((await secretary.GetAsync($"/api/workflow/plan-tasks/{tasks[0]}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await secretary.Http.PostAsync($"/api/workflow/plan-tasks/{tasks[0]}/completion", Report($"{year}-09-01", "完成", 1)))
            .StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await secretary.GetAsync($"/api/workflow/branches/{rs03}/plan-tasks")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await Host.ScalarAsync<string>("select status from workflow.plan_task where id = @id", ("id", tasks[0])), Is.EqualTo("open"));

        // The branch's own plan: its secretary cannot assign tasks to another branch, nor review its own report.
        var own = (await Problems.JsonAsync(await secretary.PostAsync("/api/workflow/plans", new { organizationId = Branch, year, title = "年度工作布局" })))
            .GetProperty("id").GetGuid();
        var foreign = await Problems.ExpectAsync(await secretary.PostAsync($"/api/workflow/plans/{own}/tasks", new
        {
            title = "x", dueOn = $"{year}-05-01", ownerOrganizationIds = new[] { rs03 },
        }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(foreign, "ownerOrganizationIds"), Does.Contain("承担支部"));
    }

    [Test]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_stored()
    {
        var year = ThisYear - 3;
        var root = await Demo.RootAsync(Host);
        var bad = await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/plans", new { organizationId = root, year = 1990, title = "" }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(bad, "title"), Does.Contain("名称"));
        Assert.That(Problems.FieldError(bad, "year"), Does.Contain("年度"));

        var plan = (await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/plans", new { organizationId = root, year, title = "要点" })))
            .GetProperty("id").GetGuid();
        var again = await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/plans", new { organizationId = root, year, title = "要点" }),
            HttpStatusCode.UnprocessableEntity, "plan_exists");
        Assert.That(again.GetProperty("detail").GetString(), Does.Contain(year.ToString()));

        var union = await Host.ScalarAsync<Guid>("select id from workflow.organization where type = 'union' limit 1");
        await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/plans", new { organizationId = union, year, title = "要点" }),
            HttpStatusCode.UnprocessableEntity, "not_party_organization");

        var groupOrCommittee = await Host.ScalarAsync<Guid>("select id from workflow.organization where parent_id is null");
        var untitled = await Problems.ExpectAsync(await Committee.PostAsync($"/api/workflow/plans/{plan}/tasks", new
        {
            title = "", dueOn = $"{year}-03-01", ownerOrganizationIds = new[] { Branch },
        }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(untitled, "title"), Does.Contain("名称"));
        var late = await Problems.ExpectAsync(await Committee.PostAsync($"/api/workflow/plans/{plan}/tasks", new
        {
            title = "任务", dueOn = $"{year + 3}-01-01", ownerOrganizationIds = new[] { Branch },
        }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(late, "dueOn"), Does.Contain("完成期限").And.Contain(year.ToString()));

        var owners = await Problems.ExpectAsync(await Committee.PostAsync($"/api/workflow/plans/{plan}/tasks", new
        {
            title = "任务", dueOn = $"{year}-03-01", ownerOrganizationIds = new[] { Branch, groupOrCommittee },
        }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(owners, "ownerOrganizationIds[1]"), Does.Contain("所属的党支部"));
        Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.plan_task where plan_id = @plan", ("plan", plan)), Is.Zero);

        // A report without its result, dated tomorrow, with an executable as evidence.
        var ids = (await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/plans/{plan}/tasks", new
        {
            title = "任务", dueOn = $"{year}-03-01", ownerOrganizationIds = new[] { Branch },
        }), HttpStatusCode.Created)).GetProperty("ids");
        await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/plans/{plan}/publish", new { version = 1 }));
        var task = ids[0].GetGuid();
        var report = await Problems.ExpectAsync(await Committee.Http.PostAsync($"/api/workflow/plan-tasks/{task}/completion",
            Report(DateTime.Today.AddDays(3).ToString("yyyy-MM-dd"), "", 1, ("run.exe", "MZ\u0090\0"u8.ToArray()))), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(report, "completedOn"), Does.Contain("不能晚于今天"));
        Assert.That(Problems.FieldError(report, "completionNote"), Does.Contain("完成情况"));
        Assert.That(Problems.FieldError(report, "files[0]"), Does.Contain("run.exe"));
        Assert.That(await Host.ScalarAsync<string>("select status from workflow.plan_task where id = @task", ("task", task)), Is.EqualTo("open"));

        var stale = await Committee.Http.PutAsJsonAsync($"/api/workflow/plan-tasks/{task}", new { title = "改", dueOn = $"{year}-04-01", version = 9 });
        await Problems.ExpectAsync(stale, HttpStatusCode.Conflict, "concurrency_conflict");
    }

    [Test]
    public async Task A_branch_answers_a_committee_task_in_its_own_annual_plan()
    {
        var year = ThisYear - 4;
        var rs04 = await Demo.BranchAsync(Host, "RS-04");
        var (_, tasks) = await PublishedPlanAsync(year, $"{year}-10-31", rs04);
        using var secretary = await SecretaryAsync(rs04);

        var answer = (await Problems.JsonAsync(await secretary.PostAsync($"/api/workflow/plan-tasks/{tasks[0]}/answers", new
        {
            title = "分两次组织党纪集中学习", expectedResult = "学习记录两份", dueOn = $"{year}-09-30",
        }))).GetProperty("id").GetGuid();

        var mine = await Problems.JsonAsync(await secretary.GetAsync($"/api/workflow/branches/{rs04}/plan-tasks?year={year}"));
        var listed = mine.GetProperty("items").EnumerateArray().ToList();
        Assert.That(listed.Select(t => t.GetProperty("id").GetGuid()), Is.EqualTo(new[] { answer, tasks[0] }), "by due date: its own step first");
        Assert.That(listed[0].GetProperty("answersTaskId").GetGuid(), Is.EqualTo(tasks[0]));
        var linked = (await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/plan-tasks/{tasks[0]}"))).GetProperty("linked");
        Assert.That(linked.EnumerateArray().Select(t => t.GetProperty("id").GetGuid()), Is.EqualTo(new[] { answer }));

        // Its own task needs no review: reported is done, and the committee gets no to-do.
        await Problems.JsonAsync(await secretary.Http.PostAsync($"/api/workflow/plan-tasks/{answer}/completion", Report($"{year}-09-20", "已完成", 1)));
        Assert.That(await OpenTodoAsync("plan_task_review", answer), Is.False);
        await Problems.ExpectAsync(await Committee.PostAsync($"/api/workflow/plan-tasks/{answer}/review", new { accept = true, version = 2 }),
            HttpStatusCode.UnprocessableEntity, "task_not_reported");
    }

    [Test]
    public async Task A_branchs_own_task_becomes_its_to_do_fourteen_days_before_it_is_due()
    {
        // The institution's date (Asia/Shanghai), as the server's clock has it.
        var today = await Host.ScalarAsync<DateOnly>("select (now() at time zone 'Asia/Shanghai')::date");
        var rs10 = await Demo.BranchAsync(Host, "RS-10");
        var plan = (await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/plans", new { organizationId = rs10, year = today.Year, title = "年度工作布局" })))
            .GetProperty("id").GetGuid();
        async Task<Guid> TaskDueAsync(int days) => (await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/plans/{plan}/tasks", new
        {
            title = $"{days} 天后到期", dueOn = today.AddDays(days).ToString("yyyy-MM-dd"),
        }), HttpStatusCode.Created)).GetProperty("ids")[0].GetGuid();

        var inFourteen = await TaskDueAsync(14);
        var inFifteen = await TaskDueAsync(15);

        Assert.That(await OpenTodoAsync("plan_task_due", inFourteen), Is.True, "due in 14 days: the branch's to-do");
        Assert.That(await OpenTodoAsync("plan_task_due", inFifteen), Is.False, "due in 15 days: not yet");
    }

    [Test]
    public async Task The_demo_deploys_this_years_plan_to_every_branch_with_results_and_overdue_tasks()
    {
        await Demo.SeedWorkflowAsync(Host);
        var plans = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/plans?year={ThisYear}"));
        var plan = plans.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("level").GetString() == "committee");
        var branches = await Host.ScalarAsync<long>("select count(*) from workflow.organization where type in ('branch', 'joint_branch', 'temporary_branch', 'general_branch')");
        Assert.That(plan.GetProperty("tasks").GetInt32(), Is.EqualTo(8 * branches));
        Assert.That(plan.GetProperty("done").GetInt32(), Is.GreaterThan(0));
        var detail = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/plans/{plan.GetProperty("id").GetGuid()}"));
        Assert.That(detail.GetProperty("progress").GetArrayLength(), Is.EqualTo(branches));
        // Every overdue task is its branch's to-do (the demo refreshed them).
        Assert.That(await Host.ScalarAsync<long>("""
            select count(*) from workflow.plan_task t where t.status = 'open' and t.due_on < current_date
              and not exists (select 1 from workflow.todo d where d.source = 'plan_task_due:' || t.id and d.closed_at is null)
            """), Is.Zero);
    }
}
