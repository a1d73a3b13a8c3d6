using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>The portal's announcements and news over HTTP: sanitised rich text, pinned first, concurrency, who reads and who publishes.</summary>
public sealed class PortalAnnouncementsTests : DemoInstituteTests
{
    private ApiClient _member = null!;

    [OneTimeSetUp]
    public async Task SignInMember()
    {
        _member = Host.Client();
        await _member.SignInAsync(await Host.CreateUserAsync(RoleCatalog.Member, Branch));
    }

    [OneTimeTearDown]
    public void SignOutMember() => _member.Dispose();

    private async Task<(Guid Id, long Version)> PublishAsync(string title, string body, string kind = "notice", bool pinned = false, string? publishedAt = null)
    {
        var created = await Problems.JsonAsync(await Committee.PostAsync("/api/archives/announcements", new
        {
            announcement = new { kind, title, bodyHtml = body, pinned, publishedAt },
        }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("version").GetInt64());
    }

    [Test]
    public async Task The_sanitiser_strips_scripts_handlers_frames_foreign_pictures_and_positioning_and_keeps_the_allowed_formatting()
    {
        const string body = """
            <h2>关于开展主题党日的通知</h2>
            <p style="position:fixed;top:0;left:0;z-index:9999;text-align:center">各党支部：<strong>请按时参加</strong>，<em>认真准备</em>，<u>不得缺席</u>。</p>
            <script>alert('xss')</script>
            <img src="x" onerror="alert(1)">
            <img src="https://evil.example.com/track.png" alt="外部图片">
            <img src="//evil.example.com/t.png">
            <img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="data">
            <img src="/api/archives/volumes/00000000-0000-0000-0000-000000000001/cover" alt="封面">
            <a href="javascript:alert(1)">点我</a>
            <a href="https://www.12371.cn/" onclick="steal()">共产党员网</a>
            <iframe src="https://evil.example.com"></iframe>
            <svg onload="alert(1)"><circle r="1"/></svg>
            <form action="https://evil.example.com"><input name="password"></form>
            <div onmouseover="alert(1)" style="background:url(javascript:alert(1))">悬停</div>
            <ul><li>第一项</li></ul><ol><li>第二项</li></ol>
            <table><thead><tr><th>时间</th></tr></thead><tbody><tr><td>上午9:00</td></tr></tbody></table>
            """;
        var (id, _) = await PublishAsync("净化测试", body);
        var html = (await Problems.JsonAsync(await _member.GetAsync($"/api/archives/announcements/{id}"))).GetProperty("bodyHtml").GetString()!;
        var stored = await Host.ScalarAsync<string>("select body_html from archives.announcement where id = @id", ("id", id));

        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EqualTo(html), "the sanitised HTML is what is stored");
            foreach (var banned in new[] { "<script", "alert('xss')", "onerror", "onclick", "onload", "onmouseover", "javascript:", "<iframe", "<svg", "<form",
                         "<input", "evil.example.com", "data:image", "position", "z-index", "background" })
                Assert.That(html, Does.Not.Contain(banned).IgnoreCase, banned);
            foreach (var kept in new[] { "<h2>关于开展主题党日的通知</h2>", "<strong>请按时参加</strong>", "<em>认真准备</em>", "<u>不得缺席</u>",
                         "text-align: center", "<ul><li>第一项</li></ul>", "<ol><li>第二项</li></ol>", "<th>时间</th>", "<td>上午9:00</td>",
                         "src=\"/api/archives/volumes/00000000-0000-0000-0000-000000000001/cover\"", "href=\"https://www.12371.cn/\"", "共产党员网", "悬停" })
                Assert.That(html, Does.Contain(kept), kept);
            Assert.That(html, Does.Contain("rel=\"noopener noreferrer nofollow\""), "links do not hand the page to the site they open");
        });
        var listed = await Problems.JsonAsync(await _member.GetAsync("/api/archives/announcements?kind=notice&pageSize=50"));
        var excerpt = listed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id).GetProperty("excerpt").GetString();
        Assert.That(excerpt, Does.StartWith("关于开展主题党日的通知 各党支部：请按时参加").And.Not.Contain("<"));
    }

    [Test]
    public async Task Pinned_come_first_then_the_latest_a_stale_edit_is_refused_and_members_read_but_do_not_publish()
    {
        var older = await PublishAsync("较早的要闻", "<p>旧闻</p>", "news", publishedAt: "2020-01-01T09:00:00+08:00");
        var pinned = await PublishAsync("置顶的要闻", "<p>置顶</p>", "news", pinned: true, publishedAt: "2019-06-01T09:00:00+08:00");
        var latest = await PublishAsync("最新的要闻", "<p>新闻</p>", "news");
        var scheduled = await PublishAsync("明年才发布的要闻", "<p>预告</p>", "news", publishedAt: $"{DateTime.UtcNow.Year + 1}-01-01T09:00:00+08:00");

        var list = await Problems.JsonAsync(await _member.GetAsync("/api/archives/announcements?kind=news&pageSize=100"));
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.That(ids.IndexOf(pinned.Id), Is.EqualTo(0));
        Assert.That(ids.IndexOf(latest.Id), Is.LessThan(ids.IndexOf(older.Id)));
        Assert.That(ids, Does.Not.Contain(scheduled.Id), "not shown before its time");
        await Problems.ExpectAsync(await _member.GetAsync($"/api/archives/announcements/{scheduled.Id}"), HttpStatusCode.NotFound, "not_found");
        var publishers = await Problems.JsonAsync(await Committee.GetAsync("/api/archives/announcements?kind=news&scheduled=true&pageSize=100"));
        Assert.That(publishers.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Contain(scheduled.Id));

        var edit = new { kind = "news", title = "最新的要闻（更正）", bodyHtml = "<p>更正</p>", pinned = false };
        var edited = await Problems.JsonAsync(await Committee.Http.PutAsJsonAsync($"/api/archives/announcements/{latest.Id}", new { version = latest.Version, announcement = edit }));
        Assert.That(edited.GetProperty("version").GetInt64(), Is.EqualTo(latest.Version + 1));
        var stale = await Problems.ExpectAsync(await Committee.Http.PutAsJsonAsync($"/api/archives/announcements/{latest.Id}",
            new { version = latest.Version, announcement = edit }), HttpStatusCode.Conflict, "concurrency_conflict");
        Assert.That(stale.GetProperty("currentVersion").GetInt64(), Is.EqualTo(latest.Version + 1));

        await Problems.ExpectAsync(await _member.PostAsync("/api/archives/announcements", new { announcement = edit }), HttpStatusCode.Forbidden, "forbidden");
        var unknownKind = await Problems.ExpectAsync(await Committee.PostAsync("/api/archives/announcements", new
        {
            announcement = new { kind = "rumour", title = "x", bodyHtml = "<p>x</p>", pinned = false },
        }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(unknownKind, "announcement.kind"), Does.Contain("rumour"));

        await Problems.JsonAsync(await Committee.PostAsync($"/api/archives/announcements/{older.Id}/remove", new { version = older.Version, reason = "内容过时" }));
        await Problems.ExpectAsync(await _member.GetAsync($"/api/archives/announcements/{older.Id}"), HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task The_demo_publishes_six_items_and_compiles_three_volumes_from_the_archives_documents_once()
    {
        var root = await ArchiveDocuments.RootAsync(Host);
        var year = DateTime.UtcNow.AddHours(8).Year - 4;
        var yearly = await ArchiveDocuments.AddAsync(Host, "关于印发年度党建工作要点的通知", 0, root, issuedOn: new DateOnly(year, 2, 20));
        var study = await ArchiveDocuments.AddAsync(Host, "党史学习教育实施方案", 0, root, issuedOn: new DateOnly(2016, 5, 4));

        var announcementsBefore = await Host.ScalarAsync<long>("select count(*) from archives.announcement");
        var added = await Host.SendAsync(new RedSail.Modules.Archives.Contracts.SeedArchivesDemoData());
        var again = await Host.SendAsync(new RedSail.Modules.Archives.Contracts.SeedArchivesDemoData());

        // The documents' demo part runs first (order 10): the volumes are compiled from its documents and the two above.
        var demoDocuments = await Host.ScalarAsync<long>("select count(*) from archives.document where title not in ('关于印发年度党建工作要点的通知', '党史学习教育实施方案')");
        var items = await Host.ScalarAsync<long>("select count(*) from archives.volume_item");
        Assert.That(demoDocuments, Is.Positive);
        Assert.That(added, Is.GreaterThanOrEqualTo(6 + 3 + items), "announcements, volumes and their items come on top of the documents");
        Assert.That(again, Is.Zero, "seeded once");
        Assert.That(await Host.ScalarAsync<long>("select count(*) from archives.announcement") - announcementsBefore, Is.EqualTo(6));
        Assert.That(await Host.ScalarAsync<long>("select count(*) from archives.announcement where author_name = '党委办公室' and pinned"), Is.EqualTo(1));
        var volumes = await Problems.JsonAsync(await Committee.GetAsync("/api/archives/volumes?pageSize=100"));
        var byTitle = volumes.GetProperty("items").EnumerateArray().ToDictionary(v => v.GetProperty("title").GetString()!, v => v.GetProperty("id").GetGuid());
        Assert.That(byTitle.Keys, Is.SupersetOf(new[] { $"{year}年党建工作文件汇编", "党史学习教育专题汇编" }));

        // A year's volume holds that year's documents (up to 40), a section heading where each category starts.
        var first = await Problems.JsonAsync(await Committee.GetAsync($"/api/archives/volumes/{byTitle[$"{year}年党建工作文件汇编"]}"));
        var firstItems = first.GetProperty("items").EnumerateArray().ToList();
        var yearCount = await Host.ScalarAsync<long>("select least(count(*), 40) from archives.document where extract(year from issued_on) = @year and removed_at is null", ("year", year));
        Assert.That(firstItems, Has.Count.EqualTo(yearCount));
        Assert.That(firstItems.Select(i => i.GetProperty("documentId").GetGuid()), Does.Contain(yearly));
        Assert.That(firstItems[0].GetProperty("sectionHeading").GetString(), Is.Not.Null.And.Not.Empty);
        var themed = await Problems.JsonAsync(await Committee.GetAsync($"/api/archives/volumes/{byTitle["党史学习教育专题汇编"]}"));
        Assert.That(themed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("documentId").GetGuid()), Does.Contain(study));
    }

    [Test]
    public async Task A_member_signed_in_reads_announcements_and_an_anonymous_caller_does_not()
    {
        using var anonymous = Host.Client();
        await Problems.ExpectAsync(await anonymous.GetAsync("/api/archives/announcements"), HttpStatusCode.Unauthorized, "unauthenticated");
        var list = await Problems.JsonAsync(await _member.GetAsync("/api/archives/announcements"));
        Assert.That(list.GetProperty("page").GetInt32(), Is.EqualTo(1));
    }
}
