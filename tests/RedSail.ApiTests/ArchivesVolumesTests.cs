using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>Compiled volumes (汇编册) over HTTP: compiling and ordering, concurrency, the cover, the e-book reader's pages and table of contents, and scope.</summary>
public sealed class ArchivesVolumesTests : DemoInstituteTests
{
    private Guid _root;

    [OneTimeSetUp]
    public async Task FindRoot() => _root = await ArchiveDocuments.RootAsync(Host);

    /// <summary>Paragraphs of Chinese text, each of sentences of 20 characters ending in 。 (so pages can break after a sentence).</summary>
    private static string Text(string seed, int paragraphs, int paragraphLength)
    {
        var text = new StringBuilder();
        for (var p = 0; p < paragraphs; p++)
        {
            for (var i = 0; i < paragraphLength; i++) text.Append(i % 20 == 19 ? '。' : seed[(p + i) % seed.Length]);
            text.Append('\n');
        }
        return text.ToString();
    }

    private async Task<(Guid Id, long Version)> CreateAsync(string title, int year = 2021, ApiClient? client = null)
    {
        var created = await Problems.JsonAsync(await (client ?? Committee).PostAsync("/api/archives/volumes", new
        {
            volume = new { title, subtitle = "院党委文件选编", compiledBy = "党委办公室", year, description = "测试汇编" },
        }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("version").GetInt64());
    }

    private async Task<long> AddAsync(Guid volume, long version, params Guid[] documents)
    {
        var added = await Problems.JsonAsync(await Committee.PostAsync($"/api/archives/volumes/{volume}/items", new
        {
            version, items = documents.Select(d => new { documentId = d, sectionHeading = (string?)null }),
        }));
        return added.GetProperty("version").GetInt64();
    }

    private static async Task<JsonElement> ReaderAsync(ApiClient client, Guid volume, int page) =>
        await Problems.JsonAsync(await client.GetAsync($"/api/archives/volumes/{volume}/reader?page={page}"));

    private static Guid[] Toc(JsonElement reader) => reader.GetProperty("toc").EnumerateArray().Select(e => e.GetProperty("documentId").GetGuid()).ToArray();

    [Test]
    public async Task Documents_are_reordered_in_one_go_and_a_stale_version_is_refused_with_409()
    {
        var a = await ArchiveDocuments.AddAsync(Host, "关于加强党支部标准化建设的意见", 0, _root);
        var b = await ArchiveDocuments.AddAsync(Host, "党委理论学习中心组学习计划", 0, _root);
        var c = await ArchiveDocuments.AddAsync(Host, "关于发展党员工作的实施细则", 0, _root);
        var (volume, version) = await CreateAsync("排序测试汇编");
        version = await AddAsync(volume, version, a, b, c);

        var reordered = await Committee.Http.PutAsJsonAsync($"/api/archives/volumes/{volume}/items", new
        {
            version, items = new[] { new { documentId = c, sectionHeading = (string?)"一、发展党员" }, new { documentId = a, sectionHeading = (string?)"二、组织建设" },
                new { documentId = b, sectionHeading = (string?)null } },
        });
        var newVersion = (await Problems.JsonAsync(reordered)).GetProperty("version").GetInt64();
        Assert.That(newVersion, Is.EqualTo(version + 1));

        var detail = await Problems.JsonAsync(await Committee.GetAsync($"/api/archives/volumes/{volume}"));
        var items = detail.GetProperty("items").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.GetProperty("documentId").GetGuid()), Is.EqualTo(new[] { c, a, b }));
            Assert.That(items.Select(i => i.GetProperty("position").GetInt32()), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(items.Select(i => i.GetProperty("sectionHeading").GetString()), Is.EqualTo(new[] { "一、发展党员", "二、组织建设", null }));
            Assert.That(detail.GetProperty("volume").GetProperty("itemCount").GetInt64(), Is.EqualTo(3));
        });

        // The editor's copy is one version behind: refused, with the current version to reload.
        var stale = await Problems.ExpectAsync(await Committee.Http.PutAsJsonAsync($"/api/archives/volumes/{volume}/items", new
        {
            version, items = new[] { a, b, c }.Select(d => new { documentId = d }),
        }), HttpStatusCode.Conflict, "concurrency_conflict");
        Assert.That(stale.GetProperty("currentVersion").GetInt64(), Is.EqualTo(newVersion));
        await Problems.ExpectAsync(await Committee.Http.PutAsJsonAsync($"/api/archives/volumes/{volume}", new
        {
            version, volume = new { title = "改名", year = 2021 },
        }), HttpStatusCode.Conflict, "concurrency_conflict");

        // A new order must name every document once: leaving one out is refused and changes nothing.
        await Problems.ExpectAsync(await Committee.Http.PutAsJsonAsync($"/api/archives/volumes/{volume}/items", new
        {
            version = newVersion, items = new[] { a, b }.Select(d => new { documentId = d }),
        }), (HttpStatusCode)422, "order_mismatch");
        await Problems.ExpectAsync(await Committee.PostAsync($"/api/archives/volumes/{volume}/items", new
        {
            version = newVersion, items = new[] { new { documentId = a } },
        }), (HttpStatusCode)422, "already_in_volume");

        // Taking one out closes up the others.
        var removed = await Problems.JsonAsync(await Committee.PostAsync($"/api/archives/volumes/{volume}/items/{c}/remove", new { version = newVersion }));
        var after = await Problems.JsonAsync(await Committee.GetAsync($"/api/archives/volumes/{volume}"));
        Assert.That(after.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("documentId").GetGuid(), i.GetProperty("position").GetInt32())),
            Is.EqualTo(new[] { (a, 1), (b, 2) }));
        Assert.That(removed.GetProperty("version").GetInt64(), Is.EqualTo(newVersion + 1));
    }

    [Test]
    public async Task The_reader_lays_out_cover_contents_and_documents_and_the_contents_name_the_pages_where_documents_start()
    {
        var longText = Text("坚持党的全面领导推进全面从严治党", 7, 530);
        var a = await ArchiveDocuments.AddAsync(Host, "关于全面从严治党的实施意见", 0, _root, docNumber: "红党发〔2021〕3号", fileTexts: longText);
        var b = await ArchiveDocuments.AddAsync(Host, "党委会议纪要", 0, _root, summary: "会议研究了年度党建工作要点。");
        var c = await ArchiveDocuments.AddAsync(Host, "党费收缴使用管理办法", 0, _root, fileTexts: Text("党费", 2, 300));
        await ArchiveDocuments.AddFileAsync(Host, c, "附件1.pdf", 2, Text("新版办法全文", 3, 400));
        var (volume, version) = await CreateAsync("阅读测试汇编");
        await AddAsync(volume, version, a, b, c);

        var first = await ReaderAsync(Committee, volume, 1);
        var total = first.GetProperty("totalPages").GetInt32();
        Assert.That(first.GetProperty("page").GetProperty("kind").GetString(), Is.EqualTo("cover"));
        Assert.That(Toc(first), Is.EqualTo(new[] { a, b, c }));

        var pages = new List<JsonElement>();
        for (var n = 1; n <= total; n++) pages.Add((await ReaderAsync(Committee, volume, n)).GetProperty("page"));
        Guid? DocumentOn(int n) => pages[n - 1].GetProperty("document") is { ValueKind: JsonValueKind.Object } d ? d.GetProperty("documentId").GetGuid() : null;
        string TextOf(Guid document) => string.Concat(pages.Where(p => p.GetProperty("document") is { ValueKind: JsonValueKind.Object } d
                && d.GetProperty("documentId").GetGuid() == document)
            .SelectMany(p => p.GetProperty("paragraphs").EnumerateArray())
            .Select(p => (p.GetProperty("continued").GetBoolean() ? "" : "\n") + p.GetProperty("text").GetString()));

        Assert.Multiple(() =>
        {
            Assert.That(pages[1].GetProperty("kind").GetString(), Is.EqualTo("toc"));
            Assert.That(pages.Select(p => p.GetProperty("number").GetInt32()), Is.EqualTo(Enumerable.Range(1, total)));
            foreach (var entry in first.GetProperty("toc").EnumerateArray())
            {
                var start = entry.GetProperty("startPage").GetInt32();
                var document = entry.GetProperty("documentId").GetGuid();
                Assert.That(DocumentOn(start), Is.EqualTo(document), $"page {start} starts {entry.GetProperty("title")}");
                Assert.That(pages[start - 1].GetProperty("document").GetProperty("pageOfDocument").GetInt32(), Is.EqualTo(1));
                Assert.That(DocumentOn(start - 1), Is.Not.EqualTo(document), "the page before belongs to something else");
            }
            // the long text runs over several pages, none fuller than a page, and nothing of it is lost or repeated
            Assert.That(pages.Count(p => DocumentOn(p.GetProperty("number").GetInt32()) == a), Is.GreaterThanOrEqualTo(4));
            Assert.That(pages.Max(p => p.GetProperty("paragraphs").EnumerateArray().Sum(x => x.GetProperty("text").GetString()!.Length)), Is.LessThanOrEqualTo(1200));
            Assert.That(TextOf(a), Is.EqualTo("\n" + longText.TrimEnd('\n')));
            // a document without extracted text reads as its summary; a file reads in its latest version only
            Assert.That(TextOf(b), Is.EqualTo("\n会议研究了年度党建工作要点。"));
            Assert.That(TextOf(c), Does.Contain("新版办法全文").And.Not.Contain("党费党费"));
            Assert.That(pages[^1].GetProperty("number").GetInt32(), Is.EqualTo(total));
        });
        var titleBlock = pages[first.GetProperty("toc")[0].GetProperty("startPage").GetInt32() - 1].GetProperty("document");
        Assert.That(titleBlock.GetProperty("docNumber").GetString(), Is.EqualTo("红党发〔2021〕3号"));
        Assert.That((await ReaderAsync(Committee, volume, total + 5)).GetProperty("page").GetProperty("number").GetInt32(), Is.EqualTo(total),
            "a page past the end is the last one");
    }

    [Test]
    public async Task A_branch_secretarys_reader_and_contents_leave_out_a_document_above_their_level_outside_their_branch()
    {
        var open = await ArchiveDocuments.AddAsync(Host, "关于开展主题党日活动的通知", 0, _root, summary: "各支部开展主题党日。");
        var secret = await ArchiveDocuments.AddAsync(Host, "干部考察情况报告", 2, _root, summary: "考察对象的详细情况。");
        var ownBranch = await ArchiveDocuments.AddAsync(Host, "第一党支部组织生活会材料", 1, Branch, summary: "支部材料。");
        var (volume, version) = await CreateAsync("密级测试汇编");
        await AddAsync(volume, version, open, secret, ownBranch);

        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, Branch));
        var theirs = await ReaderAsync(secretary, volume, 1);
        var committees = await ReaderAsync(Committee, volume, 1);
        var detail = await Problems.JsonAsync(await secretary.GetAsync($"/api/archives/volumes/{volume}"));
        Assert.Multiple(() =>
        {
            Assert.That(Toc(committees), Is.EqualTo(new[] { open, secret, ownBranch }));
            Assert.That(Toc(theirs), Is.EqualTo(new[] { open, ownBranch }));
            Assert.That(detail.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("documentId").GetGuid()), Is.EqualTo(new[] { open, ownBranch }));
            Assert.That(detail.GetProperty("volume").GetProperty("itemCount").GetInt64(), Is.EqualTo(2));
            Assert.That(theirs.GetProperty("totalPages").GetInt32(), Is.EqualTo(committees.GetProperty("totalPages").GetInt32() - 1));
        });
        for (var n = 1; n <= theirs.GetProperty("totalPages").GetInt32(); n++)
            Assert.That((await ReaderAsync(secretary, volume, n)).GetRawText(), Does.Not.Contain("考察"), $"page {n}");

        // Compiling is the committee's: a branch secretary may read but not change a volume.
        await Problems.ExpectAsync(await secretary.PostAsync($"/api/archives/volumes/{volume}/feature", new { version = 2, featured = true }),
            HttpStatusCode.Forbidden, "forbidden");
    }

    [Test]
    public async Task A_volume_gets_a_png_cover_is_featured_listed_by_year_and_removed_with_a_reason()
    {
        var (volume, version) = await CreateAsync("封面测试汇编", year: 2019);
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var notAPicture = await Committee.Http.PostAsync($"/api/archives/volumes/{volume}/cover",
            new MultipartFormDataContent { { new ByteArrayContent("MZ this is no picture"u8.ToArray()), "file", "cover.png" } });
        var problem = await Problems.ExpectAsync(notAPicture, HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(problem, "file"), Does.Contain("PNG"));

        var covered = await Problems.JsonAsync(await Committee.Http.PostAsync($"/api/archives/volumes/{volume}/cover",
            new MultipartFormDataContent { { new ByteArrayContent(png), "file", "cover.png" } }));
        version = covered.GetProperty("version").GetInt64();
        var cover = await Committee.GetAsync($"/api/archives/volumes/{volume}/cover");
        Assert.That(cover.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(await cover.Content.ReadAsByteArrayAsync(), Is.EqualTo(png));

        version = (await Problems.JsonAsync(await Committee.PostAsync($"/api/archives/volumes/{volume}/feature", new { version, featured = true })))
            .GetProperty("version").GetInt64();
        var featured = await Problems.JsonAsync(await Committee.GetAsync("/api/archives/volumes?featured=true&year=2019"));
        Assert.That(featured.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()), Is.EqualTo(new[] { volume }));
        Assert.That(featured.GetProperty("items")[0].GetProperty("hasCover").GetBoolean(), Is.True);

        await Problems.ExpectAsync(await Committee.PostAsync($"/api/archives/volumes/{volume}/remove", new { version, reason = "" }),
            HttpStatusCode.BadRequest, "validation_failed");
        await Problems.JsonAsync(await Committee.PostAsync($"/api/archives/volumes/{volume}/remove", new { version, reason = "重复编制" }));
        Assert.That((await Problems.JsonAsync(await Committee.GetAsync("/api/archives/volumes?year=2019"))).GetProperty("total").GetInt64(), Is.Zero);
        await Problems.ExpectAsync(await Committee.GetAsync($"/api/archives/volumes/{volume}/reader"), HttpStatusCode.NotFound, "not_found");
        Assert.That(await Host.ScalarAsync<string>("select removed_reason from archives.volume where id = @id", ("id", volume)), Is.EqualTo("重复编制"));
    }

    [Test]
    public async Task The_editor_finds_documents_by_title_among_those_the_compiler_may_see()
    {
        await ArchiveDocuments.AddAsync(Host, "关于候选文件检索的通知（甲）", 0, _root);
        await ArchiveDocuments.AddAsync(Host, "关于候选文件检索的通知（乙）", 2, _root);
        var found = await Problems.JsonAsync(await Committee.GetAsync($"/api/archives/documents?title={Uri.EscapeDataString("候选文件检索")}"));
        Assert.That(found.GetProperty("total").GetInt64(), Is.EqualTo(2));
        using var member = Host.Client();
        await member.SignInAsync(await Host.CreateUserAsync(RoleCatalog.Member, Branch));
        var memberFound = await Problems.JsonAsync(await member.GetAsync($"/api/archives/documents?title={Uri.EscapeDataString("候选文件检索")}"));
        Assert.That(memberFound.GetProperty("total").GetInt64(), Is.EqualTo(1), "a member sees the public one only");
    }
}
