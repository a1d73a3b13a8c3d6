using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>
/// The OA's side of the accounts: the department → organisation mapping, the user list synchronised by employee number (dry
/// run, then apply), and the unified to-do's delivery log with the replay of a parked push.
/// </summary>
[NonParallelizable]
public sealed class SsoProvisioningTests
{
    private TestHost _host = null!;
    private WebApplication _oa = null!;
    private readonly Guid _organization = Guid.NewGuid();

    [OneTimeSetUp]
    public async Task Start()
    {
        // The OA's to-do endpoint, accepting every push: the pushes are subscribed only where an OA is configured.
        var oaBuilder = WebApplication.CreateSlimBuilder();
        oaBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        _oa = oaBuilder.Build();
        _oa.MapPost("/todos", () => Results.Ok());
        await _oa.StartAsync();
        _host = await TestHost.StartFreshAsync(new Dictionary<string, string?> { ["Oa:TodoWebhook:Url"] = _oa.Urls.First() + "/todos" });
        await _host.ExecuteAsync($"""
            insert into platform.organization (id, parent_id, name, type, path) values ('{_organization}', null, '第一党支部', 'branch', 'o{_organization:N}');
            """);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _host.DisposeAsync();
        await _oa.DisposeAsync();
    }

    [Test]
    public async Task The_OA_user_list_is_previewed_then_applied_by_employee_number()
    {
        using var admin = _host.Client();
        await admin.SignInAsync(await _host.CreateUserAsync(RoleCatalog.SystemAdmin));
        using (var mapped = await admin.Http.PutAsJsonAsync("/api/platform/oa/departments",
                   new { departmentCode = "D-OFFICE", departmentName = "办公室", organizationId = _organization }))
            Assert.That(mapped.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var departments = await admin.GetJsonAsync<JsonElement>("/api/platform/oa/departments");
        Assert.That(departments.EnumerateArray().Single(d => d.GetProperty("departmentCode").GetString() == "D-OFFICE")
            .GetProperty("organizationName").GetString(), Is.EqualTo("第一党支部"));

        var renamed = await _host.CreateUserAsync(RoleCatalog.Member, _organization, "P100");
        var leaving = await _host.CreateUserAsync(RoleCatalog.Member, _organization, "P101");
        var localOnly = await _host.CreateUserAsync(RoleCatalog.Member, _organization, "P102"); // opened by an administrator, not in the OA list
        var goneFromOa = await _host.CreateUserAsync(RoleCatalog.Member, _organization, "P200");
        await _host.ExecuteAsync($"update platform.user_account set provisioned_by = 'oa-import' where id = '{goneFromOa.Id}'");

        var sheet = PeopleSheets.Xlsx([
            OaRow("P100", renamed.UserName, "改名后", "D-OFFICE", "在职"),
            OaRow("P101", leaving.UserName, "离开者", "D-OFFICE", "离职"),
            OaRow("P300", "wang.wu", "王五", "D-OFFICE", ""),
            OaRow("P400", "zhao.liu", "赵六", "D-NOWHERE", "在职"),
            OaRow("P5 00", "bad name", "坏行", "D-OFFICE", "在职"),
        ], "用户");

        var preview = await SyncAsync(admin, sheet, apply: false);
        Assert.Multiple(() =>
        {
            Assert.That(preview.GetProperty("applied").GetBoolean(), Is.False);
            Assert.That(Actions(preview), Is.EquivalentTo(new[]
            {
                "update P100", "disable P101", "create P300", "skip P400 department_unmapped", "skip P5 00 invalid_row", "disable P200 not_in_oa",
            }));
        });
        Assert.That(await _host.ScalarAsync<long>("select count(*) from platform.user_account where employee_number = 'P300'"), Is.Zero, "a dry run changes nothing");

        var applied = await SyncAsync(admin, sheet, apply: true);
        Assert.That(Actions(applied), Is.EquivalentTo(Actions(preview)));
        var state = await _host.ScalarAsync<string>($"""
            select (select display_name from platform.user_account where id = '{renamed.Id}')
                || '|' || (select enabled from platform.user_account where id = '{leaving.Id}')
                || '|' || (select enabled from platform.user_account where id = '{goneFromOa.Id}')
                || '|' || (select enabled from platform.user_account where id = '{localOnly.Id}')
            """);
        Assert.That(state, Is.EqualTo("改名后|false|false|true"), "renamed, left the OA, gone from the OA list, opened here (untouched)");
        Assert.That(await _host.ScalarAsync<string>("""
            select u.user_name || '|' || g.role || '|' || g.organization_id || '|' || u.provisioned_by
            from platform.user_account u join platform.role_grant g on g.user_id = u.id where u.employee_number = 'P300'
            """), Is.EqualTo($"wang.wu|member|{_organization}|oa-import"));

        // Applied once, the same list changes nothing more.
        var again = await SyncAsync(admin, sheet, apply: false);
        Assert.That(Actions(again), Is.EquivalentTo(new[] { "skip P400 department_unmapped", "skip P5 00 invalid_row" }));
    }

    [Test]
    public async Task The_to_do_delivery_log_shows_every_push_and_a_parked_one_is_sent_again()
    {
        // Two pushes of to-dos as the outbox recorded them: one delivered, one parked after the OA refused it.
        var delivered = Guid.CreateVersion7();
        var parked = Guid.CreateVersion7();
        var payload = JsonSerializer.Serialize(new { todoId = Guid.NewGuid(), kind = "test", organizationId = _organization, title = "张三的待办", link = "/x", dueOn = (string?)null });
        await _host.ExecuteAsync($"""
            insert into workflow.outbox (event_id, event_type, payload, occurred_at) values
                ('{delivered}', 'TodoOpened', '{payload}', now() - interval '1 minute'), ('{parked}', 'TodoOpened', '{payload}', now());
            insert into workflow.outbox_delivery (event_id, subscriber, attempts, delivered_at, parked_at, last_error) values
                ('{delivered}', 'RedSail.Platform.Features.OaTodos.TodoOpenedPush', 1, now(), null, null),
                ('{parked}', 'RedSail.Platform.Features.OaTodos.TodoOpenedPush', 8, null, now(), 'The OA refused the to-do push with 503');
            """);
        using var admin = _host.Client();
        await admin.SignInAsync(await _host.CreateUserAsync(RoleCatalog.SystemAdmin));

        var log = await admin.GetJsonAsync<JsonElement>("/api/platform/oa/todo-deliveries");
        var rows = log.EnumerateArray().ToDictionary(r => r.GetProperty("eventId").GetGuid());
        Assert.Multiple(() =>
        {
            Assert.That(rows[delivered].GetProperty("status").GetString(), Is.EqualTo("delivered"));
            Assert.That(rows[parked].GetProperty("status").GetString(), Is.EqualTo("parked"));
            Assert.That(rows[parked].GetProperty("lastError").GetString(), Does.Contain("503"));
            Assert.That(rows[parked].GetProperty("action").GetString(), Is.EqualTo("open"));
            Assert.That(log.GetRawText(), Does.Not.Contain("张三"), "no to-do titles for the system administrator");
        });
        var onlyParked = await admin.GetJsonAsync<JsonElement>("/api/platform/oa/todo-deliveries?status=parked");
        Assert.That(onlyParked.EnumerateArray().Select(r => r.GetProperty("eventId").GetGuid()), Does.Contain(parked).And.Not.Contain(delivered));

        // The platform's parked-events retry sends it again, and the OA accepts it now.
        using (var retry = await admin.PostAsync("/api/platform/outbox/retry",
                   new { module = "workflow", eventId = parked, subscriber = "RedSail.Platform.Features.OaTodos.TodoOpenedPush" }))
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await Eventually.HoldsAsync(async () =>
            (await admin.GetJsonAsync<JsonElement>("/api/platform/oa/todo-deliveries")).EnumerateArray()
            .Single(r => r.GetProperty("eventId").GetGuid() == parked).GetProperty("status").GetString() == "delivered"), Is.True);

        // Only the system administrator reads it.
        using var member = _host.Client();
        await member.SignInAsync(await _host.CreateUserAsync(RoleCatalog.Member, _organization));
        Assert.That((await member.GetAsync("/api/platform/oa/todo-deliveries")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    private static Dictionary<string, object?> OaRow(string employeeNumber, string loginName, string name, string department, string state) =>
        new() { ["工号"] = employeeNumber, ["登录名"] = loginName, ["姓名"] = name, ["部门编码"] = department, ["状态"] = state };

    private static async Task<JsonElement> SyncAsync(ApiClient client, byte[] sheet, bool apply)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(sheet), "file", "oa-users.xlsx" } };
        using var response = await client.Http.PostAsync($"/api/platform/oa/users/sync?apply={(apply ? "true" : "false")}", form);
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<string> Actions(JsonElement plan) => plan.GetProperty("items").EnumerateArray().Select(i =>
        $"{i.GetProperty("action").GetString()} {i.GetProperty("employeeNumber").GetString()}"
        + (i.GetProperty("action").GetString() == "skip" || i.GetProperty("reason").GetString() == "not_in_oa" ? " " + i.GetProperty("reason").GetString() : ""));
}
