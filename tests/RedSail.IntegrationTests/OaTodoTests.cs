using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Features.RefreshTodos;
using RedSail.Modules.Workflow.Features.Todos;
using RedSail.Platform.Access;
using RedSail.Platform.Features.OaClients;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>The OA's unified to-do list: pushes signed and delivered once even when the OA was down, and the list of one employee on request.</summary>
public sealed class OaTodoTests
{
    private const string Secret = "webhook-secret-for-the-test";

    [Test]
    public async Task A_to_do_reaches_the_OA_once_after_it_was_down_and_the_OA_reads_an_employee_s_list()
    {
        // The OA: down (503) for the first two pushes of the test's to-do, then accepting (the demo's own to-dos go through).
        var received = new ConcurrentQueue<(string Body, string Signature, string Timestamp, string EventId)>();
        var calls = 0;
        var oaBuilder = WebApplication.CreateSlimBuilder();
        oaBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var oa = oaBuilder.Build();
        oa.MapPost("/todos", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            if (!body.Contains("\"test_named\"")) return Results.Ok();
            if (Interlocked.Increment(ref calls) <= 2) return Results.StatusCode(503);
            received.Enqueue((body, request.Headers["X-RedSail-Signature"].ToString(), request.Headers["X-RedSail-Timestamp"].ToString(),
                request.Headers["X-RedSail-Event-Id"].ToString()));
            return Results.Ok();
        });
        await oa.StartAsync();

        await using var host = await TestHost.StartFreshAsync(
            new Dictionary<string, string?>
            {
                ["Oa:TodoWebhook:Url"] = oa.Urls.First() + "/todos", ["Oa:TodoWebhook:Secret"] = Secret,
                ["Oa:TodoWebhook:PublicBaseUrl"] = "https://redsail.example.cn",
            },
            s => s.AddSingleton<ITodoSource, WorkflowFoundationTests.NamedPeopleSource>());
        await host.SendAsync(new SeedDemoData());
        Assert.That(await Eventually.HoldsAsync(async () => await host.ScalarAsync<bool>("""
            select (select count(*) from workflow.person) = (select count(*) from personnel.person)
               and (select count(*) from platform.organization) = (select count(*) from personnel.organization)
            """), 30000), Is.True);
        var person = await host.ScalarAsync<Guid>("select id from workflow.person order by id limit 1");
        var organization = await host.ScalarAsync<Guid>("select organization_id from workflow.person where id = @person", ("person", person));
        // The branch secretary of that organisation's branch can act on it: the OA must show it to them.
        var branch = await host.ScalarAsync<Guid>(
            "select case when o.type = 'party_group' then o.parent_id else o.id end from workflow.organization o where o.id = @organization",
            ("organization", organization));
        await host.CreateUserAsync(RoleCatalog.BranchSecretary, branch, "E9901");

        await host.ExecuteAsync($"update workflow.person set name = '待办' || name where id = '{person}'");
        await host.SendAsync(new RefreshTodos());

        Assert.That(await Eventually.HoldsAsync(() => Task.FromResult(!received.IsEmpty), 20000), Is.True, "delivered once the OA is back");
        await Task.Delay(500); // nothing more arrives: the accepted push is not sent again
        Assert.That(received, Has.Count.EqualTo(1));
        Assert.That(calls, Is.EqualTo(3), "two refusals, then the delivery");
        var push = received.Single();
        Assert.That(push.Signature, Is.EqualTo("sha256=" + RedSailSignature(push.Timestamp, push.Body)));
        using var json = JsonDocument.Parse(push.Body);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("action").GetString(), Is.EqualTo("open"));
            Assert.That(root.GetProperty("eventId").GetString(), Is.EqualTo(push.EventId));
            Assert.That(root.GetProperty("link").GetString(), Is.EqualTo("https://redsail.example.cn/personnel/people/" + person));
            Assert.That(root.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("employeeNumber").GetString()), Does.Contain("E9901"));
        });

        // The OA asks for that employee's list with its client token.
        var client = await host.SendAsync(new RegisterOaClient("统一待办", ["workflow"]));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var token = await http.PostAsJsonAsync("/api/platform/oa/token", new { clientId = client.ClientId, clientSecret = client.ClientSecret });
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var list = await http.GetFromJsonAsync<JsonElement>("/api/workflow/oa/employees/E9901/todos");
        Assert.That(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subjectId").GetString()), Does.Contain(person.ToString()));
        Assert.That((await http.GetAsync("/api/workflow/oa/employees/E0000-unknown/todos")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static string RedSailSignature(string timestamp, string body) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Secret),
            System.Text.Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
