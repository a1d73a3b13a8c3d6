using System.Net;
using MiniExcelLibs;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>The audit administrator's view of the trail: search, export and verification.</summary>
public sealed class AuditApiTests
{
    private TestHost _host = null!;
    private ApiClient _auditor = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await TestHost.StartFreshAsync();
        _auditor = _host.Client();
        await _auditor.SignInAsync(await _host.CreateUserAsync(RoleCatalog.AuditAdmin));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _auditor.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task Search_filters_by_result_and_user_and_pages_newest_first()
    {
        using var client = _host.Client();
        var probe = "probe-" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++) await client.PostAsync("/api/platform/auth/login", new { userName = probe, password = "Wrong-password-" + i });

        var page = await Problems.JsonAsync(await _auditor.GetAsync($"/api/platform/audit?result=denied&action=sign_in&pageSize=2"));
        var all = await Problems.JsonAsync(await _auditor.GetAsync($"/api/platform/audit?result=denied&action=sign_in&pageSize=50"));

        Assert.Multiple(() =>
        {
            Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
            Assert.That(page.GetProperty("total").GetInt64(), Is.GreaterThanOrEqualTo(3));
            var items = all.GetProperty("items").EnumerateArray().ToList();
            Assert.That(items.Count(i => i.GetProperty("targetId").GetString() == probe), Is.EqualTo(3));
            Assert.That(items.Select(i => i.GetProperty("sequence").GetInt64()), Is.Ordered.Descending);
        });
    }

    [Test]
    public async Task Export_writes_the_filtered_rows_and_neutralises_formulas()
    {
        using var client = _host.Client();
        await client.PostAsync("/api/platform/auth/login", new { userName = "=HYPERLINK(\"x\")", password = "Wrong-password-1" });

        var response = await _auditor.GetAsync("/api/platform/audit/export?result=denied");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, Does.EndWith(".xlsx"));
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        buffer.Position = 0;
        var rows = buffer.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.Not.Empty);
            Assert.That(rows.All(r => (string?)r["结果"] == "拒绝"), Is.True, "only the filtered rows, with localized values");
            Assert.That(rows.Select(r => r["对象"]?.ToString()), Has.Some.EqualTo("'user_account =HYPERLINK(\"x\")").Or.Some.StartsWith("user_account"));
            Assert.That(rows.Select(r => r["对象"]?.ToString()).Where(v => v is not null && v.StartsWith('=')), Is.Empty, "no cell starts a formula");
        });
        Assert.That(await _host.ScalarAsync<long>("select count(*) from platform.audit_log where action = 'platform.audit.export'"), Is.GreaterThanOrEqualTo(1L));
    }

    [Test]
    public async Task Verification_reports_an_intact_chain()
    {
        var result = await Problems.JsonAsync(await _auditor.GetAsync("/api/platform/audit/verify"));
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("intact").GetBoolean(), Is.True);
            Assert.That(result.GetProperty("checked").GetInt64(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Only_the_audit_administrator_reads_the_trail()
    {
        foreach (var role in new[] { RoleCatalog.SystemAdmin, RoleCatalog.SecurityAdmin })
        {
            using var client = _host.Client();
            await client.SignInAsync(await _host.CreateUserAsync(role));
            await Problems.ExpectAsync(await client.GetAsync("/api/platform/audit"), HttpStatusCode.Forbidden, "forbidden");
        }
    }
}
