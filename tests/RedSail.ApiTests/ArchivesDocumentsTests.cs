using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>The archive's documents and files over HTTP: access by level and scope, upload checks, versions, checksums, extraction.</summary>
public sealed class ArchivesDocumentsTests
{
    internal const string PartyCommitteeFiles = "a0000000-0000-4000-8000-000000000102"; // 党委文件 / 党委发文 (M0011)
    private TestHost _host = null!;
    private ApiClient _committee = null!;
    private string _store = null!;
    private Guid _root, _branch, _otherBranch;

    [OneTimeSetUp]
    public async Task Start()
    {
        _store = Path.Combine(Path.GetTempPath(), "redsail-archives-" + Guid.NewGuid().ToString("N")[..8]);
        _host = await Demo.StartAsync(new Dictionary<string, string?> { ["Archives:FileStore:Path"] = _store });
        _root = await Demo.RootAsync(_host);
        _branch = await Demo.BranchAsync(_host, "RS-01");
        _otherBranch = await Demo.BranchAsync(_host, "RS-02");
        _committee = _host.Client();
        await _committee.SignInAsync(await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _committee.Dispose();
        await _host.DisposeAsync();
        if (Directory.Exists(_store)) Directory.Delete(_store, recursive: true);
    }

    internal static object Fields(string title, Guid organization, int level = 0, string? number = null, string issuedOn = "2021-06-01") => new
    {
        title, docNumber = number, issuedOn, issuingBody = "中共红帆研究院委员会", categoryId = PartyCommitteeFiles, keywords = new[] { "主题教育" },
        securityLevel = level, organizationId = organization, relatedOrganizationIds = Array.Empty<Guid>(), relatedPersonIds = Array.Empty<Guid>(),
        summary = "正文",
    };

    internal static async Task<Guid> RecordAsync(ApiClient client, object fields) =>
        (await Problems.JsonAsync(await client.PostAsync("/api/archives/documents", new { document = fields }), HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    internal static Task<HttpResponseMessage> UploadAsync(ApiClient client, Guid document, string fileName, byte[] content, string? caption = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        if (caption is not null) form.Add(new StringContent(caption), "caption");
        return client.Http.PostAsync($"/api/archives/documents/{document}/files", form);
    }

    private Task<long> CountAsync(string sql) => _host.ScalarAsync<long>(sql);

    private Task<long> AuditedAsync(string action, string result, Guid target) => _host.ScalarAsync<long>(
        "select count(*) from platform.audit_log where action = @a and result = @r and target_id = @t", ("a", action), ("r", result), ("t", target.ToString()));

    [Test]
    public async Task A_branch_secretary_sees_public_documents_and_their_own_branch_but_not_above_their_level_or_outside_their_scope()
    {
        var otherInternal = await RecordAsync(_committee, Fields("RS-02 内部材料", _otherBranch, level: 1));
        var ownRestricted = await RecordAsync(_committee, Fields("RS-01 限制材料", _branch, level: 2));
        var otherPublic = await RecordAsync(_committee, Fields("RS-02 公开材料", _otherBranch, level: 0));
        var ownInternal = await RecordAsync(_committee, Fields("RS-01 内部材料", _branch, level: 1));
        using var secretary = _host.Client();
        await secretary.SignInAsync(await _host.CreateUserAsync(RoleCatalog.BranchSecretary, _branch));

        await Problems.ExpectAsync(await secretary.GetAsync($"/api/archives/documents/{otherInternal}"), HttpStatusCode.NotFound, "not_found");
        await Problems.ExpectAsync(await secretary.GetAsync($"/api/archives/documents/{ownRestricted}"), HttpStatusCode.NotFound, "not_found");
        var missing = await secretary.GetAsync($"/api/archives/documents/{Guid.NewGuid()}");
        var list = await Problems.JsonAsync(await secretary.GetAsync("/api/archives/documents?pageSize=200"));
        var listed = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the same answer as for a document that does not exist");
            Assert.That(await AuditedAsync("archives.documents.read", "denied", otherInternal), Is.EqualTo(1), "outside the scope: audited");
            Assert.That(await AuditedAsync("archives.documents.read", "denied", ownRestricted), Is.EqualTo(1), "above the level: audited");
            Assert.That((await secretary.GetAsync($"/api/archives/documents/{otherPublic}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await secretary.GetAsync($"/api/archives/documents/{ownInternal}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(listed, Does.Contain(otherPublic).And.Contain(ownInternal));
            Assert.That(listed, Does.Not.Contain(otherInternal).And.Not.Contain(ownRestricted));
            Assert.That((await _committee.GetAsync($"/api/archives/documents/{ownRestricted}")).StatusCode, Is.EqualTo(HttpStatusCode.OK),
                "the committee administrator holds archives.restricted");
        });
    }

    [Test]
    public async Task A_zip_bomb_and_a_renamed_executable_are_refused_with_a_clear_error_and_nothing_is_stored()
    {
        var document = await RecordAsync(_committee, Fields("上传检查", _branch));
        var blobs = await CountAsync("select count(*) from archives.blob");
        var files = await CountAsync("select count(*) from archives.document_file");
        var storedFiles = Directory.Exists(_store) ? Directory.GetFiles(_store, "*", SearchOption.AllDirectories).Length : 0;

        var executable = new byte[4096];
        "MZ"u8.CopyTo(executable);
        var exe = await Problems.ExpectAsync(await UploadAsync(_committee, document, "年度总结.pdf", executable), HttpStatusCode.BadRequest,
            "archives_file_executable");
        var elf = new byte[4096];
        "\u007fELF"u8.CopyTo(elf);
        await Problems.ExpectAsync(await UploadAsync(_committee, document, "照片.png", elf), HttpStatusCode.BadRequest, "archives_file_executable");
        var bomb = await Problems.ExpectAsync(await UploadAsync(_committee, document, "会议纪要.docx", ZipBombDocx()), HttpStatusCode.BadRequest,
            "archives_file_zip_bomb");

        Assert.Multiple(async () =>
        {
            Assert.That(exe.GetProperty("detail").GetString(), Does.Contain("年度总结.pdf").And.Contain("可执行程序"));
            Assert.That(bomb.GetProperty("detail").GetString(), Does.Contain("压缩炸弹"));
            Assert.That(await CountAsync("select count(*) from archives.blob"), Is.EqualTo(blobs));
            Assert.That(await CountAsync("select count(*) from archives.document_file"), Is.EqualTo(files));
            Assert.That(Directory.Exists(_store) ? Directory.GetFiles(_store, "*", SearchOption.AllDirectories).Length : 0, Is.EqualTo(storedFiles));
        });
    }

    /// <summary>A valid Word document with an extra part of 100 MB of zeros, about 100 KB compressed (ratio ≈ 1000).</summary>
    private static byte[] ZipBombDocx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in new ZipArchive(new MemoryStream(ArchiveFiles.Docx("正文"))).Entries)
            {
                using var target = zip.CreateEntry(entry.FullName).Open();
                entry.Open().CopyTo(target);
            }
            using var zeros = zip.CreateEntry("word/media/padding.bin", CompressionLevel.SmallestSize).Open();
            var block = new byte[1024 * 1024];
            for (var i = 0; i < 100; i++) zeros.Write(block);
        }
        return stream.ToArray();
    }

    [Test]
    public async Task The_same_file_name_uploaded_again_is_the_next_version_and_every_version_is_kept()
    {
        var document = await RecordAsync(_committee, Fields("版本测试", _branch));
        var firstDraft = ArchiveFiles.Docx("第一稿");
        var first = await Problems.JsonAsync(await UploadAsync(_committee, document, "通知.docx", firstDraft), HttpStatusCode.Created);
        var second = await Problems.JsonAsync(await UploadAsync(_committee, document, "通知.docx", ArchiveFiles.Docx("第二稿")), HttpStatusCode.Created);
        await Problems.JsonAsync(await UploadAsync(_committee, document, "合影.png", ArchiveFiles.Png(), "2021 年七一合影"), HttpStatusCode.Created);
        var detail = await Problems.JsonAsync(await _committee.GetAsync($"/api/archives/documents/{document}"));
        var files = detail.GetProperty("files").EnumerateArray().Select(f => (Name: f.GetProperty("fileName").GetString(), Version: f.GetProperty("fileVersion").GetInt32()))
            .ToList();
        var download = await _committee.GetAsync($"/api/archives/documents/{document}/files/{first.GetProperty("id").GetGuid()}/content");
        var firstBytes = await download.Content.ReadAsByteArrayAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(first.GetProperty("fileVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(second.GetProperty("fileVersion").GetInt32(), Is.EqualTo(2));
            Assert.That(files, Is.EqualTo(new[] { ("合影.png", 1), ("通知.docx", 2), ("通知.docx", 1) }));
            Assert.That(detail.GetProperty("fileCount").GetInt32(), Is.EqualTo(2), "two files, one of them in two versions");
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(firstBytes, Is.EqualTo(firstDraft), "the first version is still served as it was");
            Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(await AuditedAsync("archives.documents.file.download", "success", first.GetProperty("id").GetGuid()), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_stored_file_that_no_longer_matches_its_checksum_is_withheld_and_audited()
    {
        var document = await RecordAsync(_committee, Fields("校验测试", _branch));
        var uploaded = await Problems.JsonAsync(await UploadAsync(_committee, document, "扫描件.pdf", ArchiveFiles.ChinesePdf("校验测试文件")), HttpStatusCode.Created);
        var fileId = uploaded.GetProperty("id").GetGuid();
        var sha256 = uploaded.GetProperty("sha256").GetString()!;
        var path = Path.Combine(_store, sha256[..2], sha256[2..4], sha256);
        var preview = await _committee.GetAsync($"/api/archives/documents/{document}/files/{fileId}/content?inline=true");

        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^10] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);
        var problem = await Problems.ExpectAsync(await _committee.GetAsync($"/api/archives/documents/{document}/files/{fileId}/content"),
            HttpStatusCode.InternalServerError, "archives_file_corrupt");

        Assert.Multiple(async () =>
        {
            Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK), "intact, the file is served");
            Assert.That(preview.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("inline"));
            Assert.That(preview.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(preview.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.StartWith("文件校验失败"));
            Assert.That(await AuditedAsync("archives.documents.file.download", "failed", fileId), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_text_of_a_real_PDF_and_a_Word_document_is_extracted_in_the_background()
    {
        var document = await RecordAsync(_committee, Fields("提取测试", _branch));
        const string pdfText = "红帆研究院一九九八年建院史料";
        const string docxText = "关于开展党史学习教育的通知\n各党支部：现将有关事项通知如下。";
        var pdf = await Problems.JsonAsync(await UploadAsync(_committee, document, "建院史料.pdf", ArchiveFiles.ChinesePdf(pdfText)), HttpStatusCode.Created);
        var docx = await Problems.JsonAsync(await UploadAsync(_committee, document, "通知.docx", ArchiveFiles.Docx(docxText)), HttpStatusCode.Created);
        var picture = await Problems.JsonAsync(await UploadAsync(_committee, document, "合影.png", ArchiveFiles.Png(), "建院二十周年合影"), HttpStatusCode.Created);

        var finished = await Eventually.HoldsAsync(async () => await _host.ScalarAsync<long>(
            "select count(*) from archives.document_file where document_id = @d and extraction_status in ('done', 'failed')", ("d", document)) == 3);
        var progress = await Problems.JsonAsync(await _committee.GetAsync($"/api/archives/extraction-progress?documentId={document}"));
        Task<string?> Text(JsonElement file) => _host.ScalarAsync<string>("select coalesce(extracted_text, extraction_error) from archives.document_file where id = @f",
            ("f", file.GetProperty("id").GetGuid()));

        Assert.That(finished, Is.True, "extraction ran after the uploads");
        Assert.Multiple(async () =>
        {
            Assert.That((await Text(pdf))!.Replace(" ", ""), Does.Contain(pdfText));
            Assert.That(await Text(docx), Does.Contain("关于开展党史学习教育的通知").And.Contain("现将有关事项通知如下"));
            Assert.That(await Text(picture), Is.EqualTo("建院二十周年合影"), "a picture's text is its caption");
            Assert.That(progress.GetProperty("document").GetProperty("done").GetInt32(), Is.EqualTo(3));
            Assert.That(progress.GetProperty("document").GetProperty("pending").GetInt32(), Is.Zero);
            Assert.That(progress.GetProperty("overall").GetProperty("total").GetInt32(), Is.GreaterThanOrEqualTo(3));
        });
    }

    [Test]
    public async Task Editing_a_document_that_changed_meanwhile_answers_409_and_a_removed_document_is_kept_but_gone()
    {
        var document = await RecordAsync(_committee, Fields("修改测试", _branch, number: "院党发〔2021〕12号"));
        var edited = await Problems.JsonAsync(await _committee.Http.PutAsJsonAsync($"/api/archives/documents/{document}",
            new { version = 1, document = Fields("修改测试（修订）", _branch, number: "院党发〔2021〕12号") }));
        await Problems.ExpectAsync(await _committee.Http.PutAsJsonAsync($"/api/archives/documents/{document}",
            new { version = 1, document = Fields("过时的修改", _branch) }), HttpStatusCode.Conflict, "concurrency_conflict");
        var unknown = await Problems.ExpectAsync(await _committee.PostAsync("/api/archives/documents", new
        {
            document = new
            {
                title = "", issuedOn = "2021-06-01", issuingBody = "党委", categoryId = Guid.NewGuid(), securityLevel = 0, organizationId = _branch,
                relatedPersonIds = new[] { Guid.NewGuid() },
            },
        }), HttpStatusCode.BadRequest, "validation_failed");
        await Problems.JsonAsync(await _committee.PostAsync($"/api/archives/documents/{document}/remove", new { version = 2, reason = "重复登记" }));

        Assert.Multiple(async () =>
        {
            Assert.That(edited.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(unknown.GetProperty("errors").TryGetProperty("document.title", out _), Is.True);
            Assert.That((await _committee.GetAsync($"/api/archives/documents/{document}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await _host.ScalarAsync<string>("select removed_reason from archives.document where id = @d", ("d", document)), Is.EqualTo("重复登记"));
        });
    }

    [Test]
    public async Task A_bulk_import_resumes_where_it_stopped_and_reports_the_rows_it_skipped_and_why()
    {
        using var sheet = new MemoryStream();
        Dictionary<string, object?> Row(string file, object date, string category = "党委文件/党委发文") => new()
        {
            ["文件名"] = file, ["标题"] = "导入：" + file, ["文号"] = "院党发〔2019〕3号", ["日期"] = date, ["发文机关"] = "中共红帆研究院委员会",
            ["类别"] = category, ["关键词"] = "导入、测试", ["密级"] = "公开",
        };
        await sheet.SaveAsAsync(new List<Dictionary<string, object?>>
        {
            Row("党委发文.pdf", "2019-03-01"), Row("坏日期.docx", "2019-13-45"), Row("未知类别.docx", "2019-03-01", "不存在/类别"),
            Row("伪装.pdf", "2019/3/2"), Row("缺文件.pdf", "2019-03-03"), Row("会议纪要.docx", new DateTime(2019, 3, 4)),
        }, excelType: ExcelType.XLSX);
        var form = new MultipartFormDataContent { { new ByteArrayContent(sheet.ToArray()), "file", "元数据.xlsx" }, { new StringContent(_branch.ToString()), "organizationId" } };
        var started = await Problems.JsonAsync(await _committee.Http.PostAsync("/api/archives/imports", form), HttpStatusCode.Created);
        var batch = started.GetProperty("id").GetGuid();
        async Task<string> SendAsync(string name, byte[] content)
        {
            var file = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } };
            return (await Problems.JsonAsync(await _committee.Http.PostAsync($"/api/archives/imports/{batch}/files", file))).GetProperty("outcome").GetString()!;
        }
        var executable = new byte[512];
        "MZ"u8.CopyTo(executable);
        var folder = new (string Name, byte[] Content)[]
        {
            ("党委发文.pdf", ArchiveFiles.ChinesePdf("关于表彰优秀共产党员的决定")), ("坏日期.docx", ArchiveFiles.Docx("坏日期")),
            ("未知类别.docx", ArchiveFiles.Docx("未知类别")), ("伪装.pdf", executable), ("会议纪要.docx", ArchiveFiles.Docx("党委会会议纪要")),
            ("不在表中.png", ArchiveFiles.Png()),
        };

        var beforeInterruption = await SendAsync(folder[0].Name, folder[0].Content);
        var resumed = new List<string>();
        foreach (var (name, content) in folder) resumed.Add(await SendAsync(name, content)); // the whole folder again, as after a reload
        var report = await Problems.JsonAsync(await _committee.GetAsync($"/api/archives/imports/{batch}"));
        var reasons = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("fileName").GetString()!,
            r => (Status: r.GetProperty("status").GetString(), Reason: r.TryGetProperty("reason", out var reason) ? reason.GetString() : null));
        var xlsx = await _committee.GetAsync($"/api/archives/imports/{batch}/report");
        var reportRows = MiniExcel.Query(await xlsx.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(started.GetProperty("rows").GetInt32(), Is.EqualTo(6));
            Assert.That(started.GetProperty("invalid").GetInt32(), Is.EqualTo(2));
            Assert.That(beforeInterruption, Is.EqualTo("imported"));
            Assert.That(resumed, Is.EqualTo(new[] { "already", "skipped", "skipped", "refused", "imported", "unlisted" }));
            Assert.That(await _host.ScalarAsync<long>("select count(*) from archives.document where title like '导入：%'"), Is.EqualTo(2),
                "one document per imported row, none twice");
            Assert.That(report.GetProperty("imported").GetInt32(), Is.EqualTo(2));
            Assert.That(report.GetProperty("skipped").GetInt32(), Is.EqualTo(3));
            Assert.That(report.GetProperty("waiting").GetInt32(), Is.EqualTo(1));
            Assert.That(reasons["坏日期.docx"].Reason, Does.Contain("2019-13-45"));
            Assert.That(reasons["未知类别.docx"].Reason, Does.Contain("不存在/类别"));
            Assert.That(reasons["伪装.pdf"], Is.EqualTo(("refused", (string?)"文件“伪装.pdf”是可执行程序（无论扩展名如何），已拒绝。")));
            Assert.That(reasons["缺文件.pdf"].Reason, Does.Contain("尚未收到"));
            Assert.That(reportRows.Select(r => r["文件名"]?.ToString()), Is.EquivalentTo(new[] { "坏日期.docx", "未知类别.docx", "伪装.pdf", "缺文件.pdf" }));
            Assert.That(reportRows.All(r => !string.IsNullOrEmpty(r["未导入原因"]?.ToString())), Is.True);
        });
    }

    [Test]
    public async Task The_demo_archive_holds_about_forty_documents_since_2015_with_verified_files_once()
    {
        var added = await Demo.SeedArchivesAsync(_host);
        var again = await Demo.SeedArchivesAsync(_host);
        var demo = "from archives.document d where exists (select 1 from archives.document_file f where f.document_id = d.id and f.uploaded_by is null)";
        var file = await Problems.JsonAsync(await _committee.GetAsync("/api/archives/documents?pageSize=200"));
        var numbered = file.GetProperty("items").EnumerateArray().First(i => i.GetProperty("docNumber").GetString()?.StartsWith("院党发〔") == true);
        var detail = await Problems.JsonAsync(await _committee.GetAsync($"/api/archives/documents/{numbered.GetProperty("id").GetGuid()}"));
        var docx = detail.GetProperty("files")[0];
        var content = await _committee.GetAsync($"/api/archives/documents/{numbered.GetProperty("id").GetGuid()}/files/{docx.GetProperty("id").GetGuid()}/content");

        Assert.Multiple(async () =>
        {
            Assert.That(added, Is.GreaterThanOrEqualTo(80), "forty documents and their files");
            Assert.That(again, Is.Zero, "seeded once");
            Assert.That(await CountAsync($"select count(*) {demo}"), Is.EqualTo(40));
            Assert.That(await CountAsync($"select count(distinct extract(year from d.issued_on)) {demo}"), Is.GreaterThanOrEqualTo(8));
            Assert.That(await CountAsync($"select count(distinct d.category_id) {demo}"), Is.GreaterThanOrEqualTo(12));
            Assert.That(await CountAsync($"select count(*) {demo} and d.issued_on < '2015-01-01'"), Is.Zero);
            Assert.That(await CountAsync($"select count(*) {demo} and d.security_level = 2"), Is.GreaterThanOrEqualTo(1));
            Assert.That(numbered.GetProperty("docNumber").GetString(), Does.Match(@"^院党发〔20\d\d〕\d+号$"));
            Assert.That(content.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the demo's files are in the store and match their checksums");
            Assert.That(await _host.ScalarAsync<string>("select extracted_text from archives.document_file where id = @f", ("f", docx.GetProperty("id").GetGuid())),
                Does.Contain(numbered.GetProperty("title").GetString()));
        });
    }

    [Test]
    public async Task The_category_tree_starts_with_the_defaults_and_keeps_names_unique_no_cycles_and_no_lost_documents()
    {
        var tree = await Problems.JsonAsync(await _committee.GetAsync("/api/archives/categories"));
        var topLevel = tree.EnumerateArray().Where(c => c.GetProperty("parentId").ValueKind == JsonValueKind.Null).Select(c => c.GetProperty("name").GetString());
        var parent = (await Problems.JsonAsync(await _committee.PostAsync("/api/archives/categories", new { parentId = (Guid?)null, name = "专题汇编", sort = 60 }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var child = (await Problems.JsonAsync(await _committee.PostAsync("/api/archives/categories", new { parentId = parent, name = "建院纪念", sort = 10 }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var duplicate = await Problems.ExpectAsync(await _committee.PostAsync("/api/archives/categories", new { parentId = parent, name = "建院纪念", sort = 20 }),
            HttpStatusCode.BadRequest, "validation_failed");
        var cycle = await Problems.ExpectAsync(await _committee.Http.PutAsJsonAsync($"/api/archives/categories/{parent}", new { parentId = child, name = "专题汇编", sort = 60 }),
            HttpStatusCode.BadRequest, "validation_failed");
        await Problems.JsonAsync(await _committee.Http.PutAsJsonAsync($"/api/archives/categories/{child}", new { parentId = parent, name = "建院四十周年", sort = 10 }));
        await RecordAsync(_committee, new
        {
            title = "建院四十周年纪念册", issuedOn = "2018-10-01", issuingBody = "院史办", categoryId = child, securityLevel = 0, organizationId = _branch,
        });
        await Problems.ExpectAsync(await _committee.DeleteAsync($"/api/archives/categories/{child}"), (HttpStatusCode)422, "archives_category_in_use");
        var inSubtree = await Problems.JsonAsync(await _committee.GetAsync($"/api/archives/documents?categoryId={parent}"));
        using var secretary = _host.Client();
        await secretary.SignInAsync(await _host.CreateUserAsync(RoleCatalog.BranchSecretary, _branch));
        var refused = await secretary.PostAsync("/api/archives/categories", new { parentId = (Guid?)null, name = "支部自建", sort = 1 });
        var empty = (await Problems.JsonAsync(await _committee.PostAsync("/api/archives/categories", new { parentId = parent, name = "待删除", sort = 30 }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();

        Assert.Multiple(async () =>
        {
            Assert.That(topLevel, Is.SupersetOf(new[] { "党委文件", "支部材料", "群团文件", "统战资料", "图片资料" }));
            Assert.That(tree.GetArrayLength(), Is.GreaterThanOrEqualTo(15), "the defaults have children");
            Assert.That(Problems.FieldError(duplicate, "name"), Does.Contain("建院纪念"));
            Assert.That(cycle.GetProperty("errors").TryGetProperty("parentId", out _), Is.True);
            Assert.That(inSubtree.GetProperty("total").GetInt64(), Is.EqualTo(1), "a category lists its subcategories' documents");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a branch secretary does not manage the tree");
            Assert.That((await _committee.DeleteAsync($"/api/archives/categories/{empty}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
