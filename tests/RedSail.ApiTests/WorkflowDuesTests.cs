using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using NUnit.Framework;
using RedSail.BuildingBlocks;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>Party dues over HTTP: bases, months due, payments (one member, a whole branch-month), reductions, arrears to-dos, reports.</summary>
public sealed class WorkflowDuesTests : DemoInstituteTests
{
    private DateOnly Current => DuesMonth(Host.Services.GetRequiredService<IClock>().Today);
    private DateOnly Today => Host.Services.GetRequiredService<IClock>().Today;
    private static DateOnly DuesMonth(DateOnly d) => new(d.Year, d.Month, 1);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private Task<Guid> MemberAsync(Guid branch, int offset) => Host.ScalarAsync<Guid>(
        "select id from workflow.person where organization_id = @b and party_status = 'full_member' order by name, id offset @n limit 1",
        ("b", branch), ("n", offset));

    private static Task<HttpResponseMessage> SetBaseAsync(ApiClient client, Guid person, string category, decimal? amount, DateOnly from) =>
        client.Http.PutAsJsonAsync($"/api/workflow/dues/bases/{person}", new { duesCategory = category, duesBase = amount, baseFrom = Iso(from) });

    private static Task<HttpResponseMessage> PayAsync(ApiClient client, Guid person, DateOnly paidOn, params (DateOnly Month, decimal? Amount)[] months) =>
        client.PostAsync("/api/workflow/dues/payments", new
        {
            personId = person, paidOn = Iso(paidOn), paymentMethod = "cash",
            duesMonths = months.Select(m => new { duesMonth = Iso(m.Month), duesAmount = m.Amount }),
        });

    /// <summary>The member's row of the ledger of the month's year (found by paging through the branch).</summary>
    private async Task<JsonElement> LedgerRowAsync(ApiClient client, Guid branch, Guid person, int year)
    {
        var ledger = await Problems.JsonAsync(await client.GetAsync($"/api/workflow/dues/ledger?organizationId={branch}&year={year}&pageSize=200"));
        return ledger.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("personId").GetGuid() == person);
    }

    private async Task<JsonElement> CellAsync(Guid branch, Guid person, DateOnly month) =>
        (await LedgerRowAsync(Committee, branch, person, month.Year)).GetProperty("cells")[month.Month - 1];

    private Task<long> PaymentsAsync() => Host.ScalarAsync<long>("select count(*) from workflow.dues_payment");

    private async Task<ApiClient> SecretaryAsync(string branchCode)
    {
        var client = Host.Client();
        await client.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, await Demo.BranchAsync(Host, branchCode)));
        return client;
    }

    private async Task<JsonElement[]> OpenTodosAsync(ApiClient client, string kind) =>
        (await Problems.JsonAsync(await client.GetAsync($"/api/workflow/todos?kind={kind}&pageSize=200"))).GetProperty("items").EnumerateArray().ToArray();

    [Test]
    public async Task A_base_makes_months_due_payments_settle_them_and_the_report_adds_up_to_the_ledger()
    {
        var person = await MemberAsync(Branch, 0);
        var from = Current.AddMonths(-2);
        var set = await Problems.JsonAsync(await SetBaseAsync(Committee, person, "in_service", 5000.01m, from));
        Assert.That(set.GetProperty("amountDue").GetDecimal(), Is.EqualTo(75.00m));
        Assert.That(set.GetProperty("ratePercent").GetDecimal(), Is.EqualTo(1.5m));
        Assert.That(set.GetProperty("monthsRecomputed").GetInt32(), Is.EqualTo(3), "two past months and the current one");

        var generated = await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/dues/months", new { organizationId = Branch, duesMonth = Iso(Current) }));
        var again = await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/dues/months", new { organizationId = Branch, duesMonth = Iso(Current) }));
        Assert.That(again.GetProperty("created").GetInt32(), Is.Zero, "a month is generated once");
        Assert.That(generated.GetProperty("withoutBase").GetInt32(), Is.GreaterThan(0), "the branch's other members have no base yet");

        var past = await CellAsync(Branch, person, from);
        Assert.That((past.GetProperty("status").GetString(), past.GetProperty("due").GetDecimal()), Is.EqualTo(("arrears", 75.00m)));
        Assert.That((await CellAsync(Branch, person, Current)).GetProperty("status").GetString(), Is.EqualTo("due"));

        // A partial payment leaves the rest owed; the rest settles it; a third payment would overpay.
        await Problems.JsonAsync(await PayAsync(Committee, person, Today, (from, 30m)));
        Assert.That((await CellAsync(Branch, person, from)).GetProperty("paid").GetDecimal(), Is.EqualTo(30m));
        var paid = await Problems.JsonAsync(await PayAsync(Committee, person, Today, (from, null), (from.AddMonths(1), null)));
        Assert.That(paid.GetProperty("total").GetDecimal(), Is.EqualTo(45m + 75m));
        await Problems.ExpectAsync(await PayAsync(Committee, person, Today, (from, 1m)), HttpStatusCode.UnprocessableEntity, "dues_overpaid");
        var cell = await CellAsync(Branch, person, from);
        Assert.That((cell.GetProperty("status").GetString(), cell.GetProperty("paid").GetDecimal()), Is.EqualTo(("paid", 75m)));
        Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.dues_payment where person_id = @p", ("p", person)), Is.EqualTo(3L),
            "every payment is kept");

        // Prepayment of next month generates it; a raise from next month does not touch the months already paid.
        await Problems.JsonAsync(await PayAsync(Committee, person, Today, (Current.AddMonths(1), null)));
        await Problems.JsonAsync(await SetBaseAsync(Committee, person, "in_service", 10000.01m, Current));
        Assert.That((await CellAsync(Branch, person, Current)).GetProperty("due").GetDecimal(), Is.EqualTo(200.00m), "the unpaid month is recomputed");
        Assert.That(await Host.ScalarAsync<decimal>("select amount_due from workflow.dues_month where person_id = @p and month = @m",
            ("p", person), ("m", Current.AddMonths(1))), Is.EqualTo(75.00m), "a paid month stays as it was paid");

        var ledger = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/dues/ledger?organizationId={Branch}&year={Current.Year}&pageSize=200"));
        var items = ledger.GetProperty("items").EnumerateArray().ToList();
        var report = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/dues/report?organizationId={await Demo.RootAsync(Host)}&year={Current.Year}&pageSize=100"));
        var line = report.GetProperty("branches").EnumerateArray().Single(b => b.GetProperty("organizationId").GetGuid() == Branch).GetProperty("year");
        Assert.Multiple(() =>
        {
            Assert.That(line.GetProperty("due").GetDecimal(), Is.EqualTo(items.Sum(i => i.GetProperty("due").GetDecimal())));
            Assert.That(line.GetProperty("paid").GetDecimal(), Is.EqualTo(items.Sum(i => i.GetProperty("paid").GetDecimal())));
            Assert.That(line.GetProperty("arrears").GetDecimal(), Is.EqualTo(items.Sum(i => i.GetProperty("arrears").GetDecimal())));
        });
    }

    [Test]
    public async Task A_whole_branch_month_is_paid_at_once_and_only_once()
    {
        var branch = await Demo.BranchAsync(Host, "RS-02");
        var people = new[] { await MemberAsync(branch, 0), await MemberAsync(branch, 1), await MemberAsync(branch, 2) };
        await Problems.JsonAsync(await SetBaseAsync(Committee, people[0], "in_service", 3000m, Current));
        await Problems.JsonAsync(await SetBaseAsync(Committee, people[1], "retired", 5000.01m, Current));
        await Problems.JsonAsync(await SetBaseAsync(Committee, people[2], "fixed", 0m, Current));
        using var secretary = await SecretaryAsync("RS-02");

        var paid = await Problems.JsonAsync(await secretary.PostAsync("/api/workflow/dues/branch-payments",
            new { organizationId = branch, duesMonth = Iso(Current), paidOn = Iso(Today), paymentMethod = "payroll" }));
        Assert.That((paid.GetProperty("members").GetInt32(), paid.GetProperty("total").GetDecimal()), Is.EqualTo((3, 15.00m + 50.00m + 0.20m)));
        foreach (var person in people)
            Assert.That((await CellAsync(branch, person, Current)).GetProperty("status").GetString(), Is.EqualTo("paid"));
        await Problems.ExpectAsync(await secretary.PostAsync("/api/workflow/dues/branch-payments",
            new { organizationId = branch, duesMonth = Iso(Current), paidOn = Iso(Today), paymentMethod = "payroll" }),
            HttpStatusCode.UnprocessableEntity, "dues_month_paid_up");
    }

    [Test]
    public async Task Back_pay_reaches_six_months_and_bad_amounts_are_field_errors_that_change_nothing()
    {
        var branch = await Demo.BranchAsync(Host, "RS-05");
        var person = await MemberAsync(branch, 0);
        await Problems.JsonAsync(await SetBaseAsync(Committee, person, "in_service", 4000m, Current.AddMonths(-7)));
        var before = await PaymentsAsync();

        var old = await Problems.ExpectAsync(await PayAsync(Committee, person, Today, (Current.AddMonths(-7), null)),
            HttpStatusCode.UnprocessableEntity, "dues_back_pay_too_old");
        Assert.That(old.GetProperty("detail").GetString(), Does.Contain("6 个月"));
        await Problems.JsonAsync(await PayAsync(Committee, person, Today, (Current.AddMonths(-6), null)));
        Assert.That(await PaymentsAsync(), Is.EqualTo(before + 1));

        foreach (var bad in new[] { -1m, 12.345m, 100_000_000_000m })
        {
            var problem = await Problems.ExpectAsync(await PayAsync(Committee, person, Today, (Current.AddMonths(-5), bad)),
                HttpStatusCode.BadRequest, "validation_failed");
            Assert.That(Problems.FieldError(problem, "duesMonths[0].duesAmount"), Does.Contain("缴纳金额"), bad.ToString());
        }
        var badBase = await Problems.ExpectAsync(await SetBaseAsync(Committee, person, "in_service", 4000.001m, Current), HttpStatusCode.BadRequest,
            "validation_failed");
        Assert.That(Problems.FieldError(badBase, "duesBase"), Does.Contain("计缴基数").And.Contain("两位小数"));
        var badCategory = await Problems.ExpectAsync(await SetBaseAsync(Committee, person, "farmer", 1m, Current), HttpStatusCode.BadRequest,
            "validation_failed");
        Assert.That(Problems.FieldError(badCategory, "duesCategory"), Does.Contain("党费类别"));
        Assert.That(await PaymentsAsync(), Is.EqualTo(before + 1));
        Assert.That(await Host.ScalarAsync<decimal>("select base from workflow.dues_base where person_id = @p", ("p", person)), Is.EqualTo(4000m));
    }

    [Test]
    public async Task Arrears_open_a_to_do_at_three_months_that_closes_when_paid_up()
    {
        var branch = await Demo.BranchAsync(Host, "RS-06");
        var person = await MemberAsync(branch, 0);
        var name = await Host.ScalarAsync<string>("select name from workflow.person where id = @p", ("p", person));
        await Problems.JsonAsync(await SetBaseAsync(Committee, person, "in_service", 2500m, Current.AddMonths(-4)));

        var todo = (await OpenTodosAsync(Committee, "dues_arrears")).Single(t => t.GetProperty("subjectId").GetGuid() == person);
        Assert.That(todo.GetProperty("title").GetString(), Is.EqualTo($"{name}已欠缴党费 4 个月"));
        Assert.That(todo.GetProperty("link").GetString(), Does.StartWith("/workflow/dues"));

        await Problems.JsonAsync(await PayAsync(Committee, person, Today, (Current.AddMonths(-4), null)));
        todo = (await OpenTodosAsync(Committee, "dues_arrears")).Single(t => t.GetProperty("subjectId").GetGuid() == person);
        Assert.That(todo.GetProperty("title").GetString(), Does.Contain("3 个月"));
        await Problems.JsonAsync(await PayAsync(Committee, person, Today, (Current.AddMonths(-3), null)));
        Assert.That((await OpenTodosAsync(Committee, "dues_arrears")).Any(t => t.GetProperty("subjectId").GetGuid() == person), Is.False,
            "two months behind is below the alert");
        var arrears = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/dues/arrears?organizationId={branch}"));
        Assert.That(arrears.GetProperty("items")[0].GetProperty("months").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_reduction_is_decided_by_someone_else_with_the_committee_s_scope()
    {
        var branch = await Demo.BranchAsync(Host, "RS-03");
        var person = await MemberAsync(branch, 0);
        await Problems.JsonAsync(await SetBaseAsync(Committee, person, "in_service", 6000m, Current));
        using var secretary = await SecretaryAsync("RS-03");
        var requested = await Problems.JsonAsync(await secretary.PostAsync("/api/workflow/dues/reductions", new
        {
            personId = person, reductionFrom = Iso(Current), reductionTo = Iso(Current.AddMonths(2)), reductionExempt = false,
            reducedMonthlyAmount = 0.2m, reason = "重病住院，家庭困难",
        }), HttpStatusCode.Created);
        var id = requested.GetProperty("id").GetGuid();
        Assert.That((await OpenTodosAsync(Committee, "dues_reduction_pending")).Any(t => t.GetProperty("subjectId").GetGuid() == id), Is.True);

        await Problems.ExpectAsync(await secretary.PostAsync($"/api/workflow/dues/reductions/{id}/decision", new { approve = true, version = 1 }),
            HttpStatusCode.UnprocessableEntity, "dues_reduction_same_user");
        using var deputy = await SecretaryAsync("RS-03");
        await Problems.ExpectAsync(await deputy.PostAsync($"/api/workflow/dues/reductions/{id}/decision", new { approve = true, version = 1 }),
            HttpStatusCode.UnprocessableEntity, "dues_reduction_needs_committee");
        var own = (await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/dues/reductions", new
        {
            personId = person, reductionFrom = Iso(Current.AddMonths(3)), reductionTo = Iso(Current.AddMonths(3)), reductionExempt = true, reason = "测试",
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Problems.ExpectAsync(await Committee.PostAsync($"/api/workflow/dues/reductions/{own}/decision", new { approve = true, version = 1 }),
            HttpStatusCode.UnprocessableEntity, "dues_reduction_same_user");

        var decided = await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/dues/reductions/{id}/decision",
            new { approve = true, decisionNote = "同意", version = 1 }));
        Assert.That(decided.GetProperty("status").GetString(), Is.EqualTo("approved"));
        var cell = await CellAsync(branch, person, Current);
        Assert.That((cell.GetProperty("due").GetDecimal(), cell.GetProperty("reduction").GetDecimal()), Is.EqualTo((0.20m, 89.80m)));
        Assert.That((await OpenTodosAsync(Committee, "dues_reduction_pending")).Any(t => t.GetProperty("subjectId").GetGuid() == id), Is.False);
        await Problems.ExpectAsync(await Committee.PostAsync($"/api/workflow/dues/reductions/{id}/decision", new { approve = false, version = 1 }),
            HttpStatusCode.Conflict, "concurrency_conflict");
    }

    [Test]
    public async Task Another_branch_s_members_ledger_and_months_are_not_found()
    {
        var other = await Demo.BranchAsync(Host, "RS-07");
        var stranger = await MemberAsync(other, 0);
        using var secretary = await SecretaryAsync("RS-01");
        await Problems.ExpectAsync(await secretary.GetAsync($"/api/workflow/dues/ledger?organizationId={other}"), HttpStatusCode.NotFound, "not_found");
        await Problems.ExpectAsync(await SetBaseAsync(secretary, stranger, "in_service", 3000m, Current), HttpStatusCode.NotFound, "not_found");
        await Problems.ExpectAsync(await PayAsync(secretary, stranger, Today, (Current, null)), HttpStatusCode.NotFound, "not_found");
        await Problems.ExpectAsync(await secretary.PostAsync("/api/workflow/dues/branch-payments",
            new { organizationId = other, duesMonth = Iso(Current), paidOn = Iso(Today), paymentMethod = "cash" }), HttpStatusCode.NotFound, "not_found");
        await Problems.ExpectAsync(await secretary.GetAsync($"/api/workflow/dues/report?organizationId={other}"), HttpStatusCode.NotFound, "not_found");
        Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.dues_base where person_id = @p", ("p", stranger)), Is.Zero);
    }

    [Test]
    public async Task Bases_import_from_the_branch_template_all_or_nothing()
    {
        var branch = await Demo.BranchAsync(Host, "RS-04");
        var template = await Committee.GetAsync($"/api/workflow/dues/base-template?organizationId={branch}");
        Assert.That(template.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var rows = (await template.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Select(r => new Dictionary<string, object?>(r)).ToList();
        Assert.That(rows, Has.Count.EqualTo(await Host.ScalarAsync<long>(
            "select count(*) from workflow.person where organization_id = @b and party_status in ('probationary', 'full_member') and relation <> 'transferred_out'",
            ("b", branch))));
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i]["党费类别"] = i == 0 ? "离退休" : "在职";
            rows[i]["计缴基数（元）"] = 3000 + i * 1000.5;
        }
        rows[1]["计缴基数（元）"] = "三千";

        var bad = await Problems.JsonAsync(await UploadAsync(branch, Xlsx(rows)));
        Assert.That(bad.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())),
            Is.EqualTo(new[] { (3, "duesBase") }));
        await Problems.ExpectAsync(await Committee.PostAsync($"/api/workflow/dues/base-imports/{bad.GetProperty("batchId").GetGuid()}/commit"),
            HttpStatusCode.UnprocessableEntity, "import_has_errors");
        Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.dues_base b join workflow.person p on p.id = b.person_id where p.organization_id = @b",
            ("b", branch)), Is.Zero);

        rows[1]["计缴基数（元）"] = "4,000.50";
        var good = await Problems.JsonAsync(await UploadAsync(branch, Xlsx(rows)));
        Assert.That(good.GetProperty("errors").GetArrayLength(), Is.Zero);
        var committed = await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/dues/base-imports/{good.GetProperty("batchId").GetGuid()}/commit"));
        Assert.That(committed.GetProperty("imported").GetInt32(), Is.EqualTo(rows.Count));
        var first = Guid.Parse((string)rows[0]["人员编号（请勿修改）"]!);
        var cell = await CellAsync(branch, first, Current);
        Assert.That(cell.GetProperty("due").GetDecimal(), Is.EqualTo(15.00m), "retired on 3000: 0.5%");
    }

    [Test]
    public async Task The_remittance_summary_lists_large_one_off_payments_apart_and_exports()
    {
        var branch = await Demo.BranchAsync(Host, "RS-08");
        var person = await MemberAsync(branch, 0);
        await Problems.JsonAsync(await SetBaseAsync(Committee, person, "in_service", 8000m, Current));
        await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/dues/payments", new
        {
            personId = person, paidOn = Iso(Today), paymentMethod = "transfer", duesMonths = new[] { new { duesMonth = Iso(Current) } }, voluntaryAmount = 1000m,
        }));
        var summary = await Problems.JsonAsync(await Committee.GetAsync(
            $"/api/workflow/dues/remittance?organizationId={branch}&fromMonth={Iso(Current)}&toMonth={Iso(Current)}"));
        Assert.That(summary.GetProperty("duesTotal").GetDecimal(), Is.EqualTo(120.00m));
        Assert.That(summary.GetProperty("centreTotal").GetDecimal(), Is.EqualTo(1000m));
        Assert.That(summary.GetProperty("totalToRemit").GetDecimal(), Is.EqualTo(1120.00m));
        Assert.That(summary.GetProperty("centreOneOffs")[0].GetProperty("personId").GetGuid(), Is.EqualTo(person));

        var export = await Committee.GetAsync($"/api/workflow/dues/remittance/export?organizationId={branch}&fromMonth={Iso(Current)}&toMonth={Iso(Current)}");
        Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var sheet = (await export.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.That(sheet[^1]["合计（元）"], Is.EqualTo(1120.0));
    }

    private Task<HttpResponseMessage> UploadAsync(Guid branch, byte[] content) =>
        Committee.Http.PostAsync("/api/workflow/dues/base-imports", new MultipartFormDataContent
        {
            { new ByteArrayContent(content), "file", "bases.xlsx" },
            { new StringContent(branch.ToString()), "organizationId" },
            { new StringContent(Iso(Current)), "baseFrom" },
        });

    private static byte[] Xlsx(List<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "党费基数");
        return stream.ToArray();
    }
}

/// <summary>The demo's dues: every band shows, most pay, a few are behind and on the to-do list, and the report adds up.</summary>
public sealed class WorkflowDuesDemoTests : DemoInstituteTests
{
    [OneTimeSetUp]
    public Task SeedWorkflow() => Demo.SeedWorkflowAsync(Host);

    [Test]
    public async Task The_demo_has_every_band_most_paid_and_a_few_members_behind()
    {
        Assert.That(await Host.ScalarAsync<long>("select count(distinct rate_percent) from workflow.dues_month where category = 'in_service'"), Is.EqualTo(4L));
        Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.dues_base where category = 'retired'"), Is.GreaterThan(0L));
        Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.dues_base where category = 'fixed'"), Is.EqualTo(2L));
        // The institution's month, as the demo wrote it (IClock, Asia/Shanghai): the database's current_date is UTC's, a day
        // behind from 16:00 UTC, and at a month's end another month.
        var today = Host.Services.GetRequiredService<IClock>().Today;
        var thisMonth = ("thisMonth", (object)new DateTime(today.Year, today.Month, 1));
        var behind = await Host.ScalarAsync<long>("""
            select count(distinct person_id) from workflow.dues_month
            where paid < amount_due - reduction and month < @thisMonth::date
            """, thisMonth);
        Assert.That(behind, Is.InRange(2L, 20L));
        Assert.That(await Host.ScalarAsync<long>("""
            select count(*) from workflow.todo t
            where t.kind = 'dues_arrears' and t.closed_at is null
              and (select count(*) from workflow.dues_month d where d.person_id = t.subject_id and d.paid < d.amount_due - d.reduction
                   and d.month < @thisMonth::date) < 3
            """, thisMonth), Is.Zero, "only members three or more months behind are on the list");
        Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.todo where kind = 'dues_reduction_pending' and closed_at is null"), Is.EqualTo(1L));

        var year = today.Year;
        var report = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/dues/report?organizationId={await Demo.RootAsync(Host)}&year={year}&pageSize=100"));
        var paidInLedgers = 0m;
        foreach (var branch in report.GetProperty("branches").EnumerateArray())
        {
            var ledger = await Problems.JsonAsync(await Committee.GetAsync(
                $"/api/workflow/dues/ledger?organizationId={branch.GetProperty("organizationId").GetGuid()}&year={year}&pageSize=200"));
            paidInLedgers += ledger.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("paid").GetDecimal());
        }
        Assert.That(report.GetProperty("yearTotal").GetProperty("paid").GetDecimal(), Is.EqualTo(paidInLedgers));
        Assert.That(report.GetProperty("yearTotal").GetProperty("ratePercent").GetDecimal(), Is.InRange(80m, 100m));
    }
}
