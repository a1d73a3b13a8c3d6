using System.Net;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Modules.Archives.Contracts;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// Chinese full-text search of the archive over HTTP. The documents are written by the owner in SQL (the documents' own
/// commands are another slice's) and indexed through the <c>reindex</c> command, as the verb does.
/// </summary>
public sealed class ArchivesSearchTests : DemoInstituteTests
{
    private static readonly Guid PartyFiles = Guid.NewGuid(), BranchFiles = Guid.NewGuid();
    private static readonly Guid Notice = Guid.NewGuid(), BranchSummary = Guid.NewGuid(), Commendation = Guid.NewGuid(), Secret = Guid.NewGuid(),
        WithPdf = Guid.NewGuid(), Scattered = Guid.NewGuid(), BranchStudy = Guid.NewGuid();

    [OneTimeSetUp]
    public async Task RecordDocuments()
    {
        var root = await Demo.RootAsync(Host);
        await Host.ExecuteAsync($"""
            insert into archives.category (id, parent_id, name) values ('{PartyFiles}', null, '检索测试·党委文件'), ('{BranchFiles}', '{PartyFiles}', '检索测试·支部材料');
            insert into archives.document (id, title, doc_number, issued_on, issuing_body, category_id, keywords, security_level, organization_id, summary) values
              ('{Notice}', '关于开展党史学习教育的通知', '院党发〔2021〕12号', '2021-03-01', '中共红帆研究院委员会', '{PartyFiles}', array['党史', '学习教育'], 0, '{root}',
               '院党委决定在全院开展党史学习教育，分三个阶段进行。'),
              ('{BranchSummary}', '第一党支部2021年工作总结', null, '2021-12-20', '第一党支部', '{BranchFiles}', array['总结'], 0, '{Branch}', null),
              ('{Commendation}', '关于表彰优秀共产党员的决定', '院党发〔2022〕3号', '2022-06-28', '中共红帆研究院委员会', '{PartyFiles}', array[]::text[], 0, '{root}',
               '在党史学习教育中涌现出一批优秀共产党员，院党委决定予以表彰。'),
              ('{Secret}', '党史学习教育专项检查情况（内部）', null, '2021-09-01', '第一党支部', '{BranchFiles}', array[]::text[], 2, '{Branch}', '党史学习教育检查发现的问题'),
              ('{WithPdf}', '参观学习活动安排', null, '2023-04-10', '中共红帆研究院委员会', '{PartyFiles}', array[]::text[], 0, '{root}', '组织党员参观学习。'),
              ('{Scattered}', '关于主张建设国家实验室的意见', null, '2020-05-05', '中共红帆研究院委员会', '{PartyFiles}', array[]::text[], 0, '{root}', null),
              ('{BranchStudy}', '第一党支部党史学习教育学习记录', null, '2021-06-15', '第一党支部', '{BranchFiles}', array[]::text[], 0, '{Branch}', null);
            insert into archives.blob (sha256, size, content_type) values ('a1', 100, 'application/pdf'), ('b2', 100, 'application/pdf');
            insert into archives.document_file (id, document_id, file_name, file_version, sha256, extraction_status, extracted_text) values
              ('{Guid.NewGuid()}', '{BranchSummary}', '总结.pdf', 1, 'a1', 'done',
               '一年来，支部书记张建国同志带领全体党员认真落实“三会一课”制度。' || E'\n' || '五月，支部在北京市海淀区开展调研，形成调研报告一份。'),
              ('{Guid.NewGuid()}', '{WithPdf}', '行程.pdf', 1, 'b2', 'done', '第一站：林州市红旗渠纪念馆，学习红旗渠精神。'),
              ('{Guid.NewGuid()}', '{WithPdf}', '行程.pdf', 2, 'b2', 'done', '第一站：林州市红旗渠纪念馆，学习自力更生、艰苦创业的红旗渠精神。');
            """);
        await ReindexAsync(3);
    }

    /// <summary>What the reindex verb does: batches until done.</summary>
    private async Task ReindexAsync(int batchSize)
    {
        Guid? after = null;
        for (var done = false; !done;)
        {
            var batch = await Host.SendAsync(new RebuildSearchIndex(after, batchSize));
            (after, done) = (batch.Last, batch.Done);
        }
    }

    private async Task<JsonElement> SearchAsync(string query, ApiClient? client = null) =>
        await Problems.JsonAsync(await (client ?? Committee).GetAsync("/api/archives/search?" + query));

    private static Guid[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("documentId").GetGuid()).ToArray();

    private async Task<Guid[]> FoundAsync(string q) => Ids(await SearchAsync("q=" + Uri.EscapeDataString(q)));

    [TestCase("渠", new[] { "WithPdf" })]
    [TestCase("海淀", new[] { "BranchSummary" })]
    [TestCase("张建国", new[] { "BranchSummary" })]
    [TestCase("红旗渠精神", new[] { "WithPdf" })]
    [TestCase("艰苦创业", new[] { "WithPdf" })]
    [TestCase("表彰", new[] { "Commendation" })]
    public async Task Queries_of_one_to_four_characters_names_and_places_find_their_documents(string q, string[] expected) =>
        Assert.That(await FoundAsync(q), Is.EquivalentTo(expected.Select(Document)));

    [Test]
    public async Task A_three_character_name_is_not_found_in_scattered_characters()
    {
        // 关于主张建设国家实验室: 张建 and 国 are there, 张建国 is not.
        Assert.That(await FoundAsync("张建国"), Does.Not.Contain(Scattered));
        Assert.That(await FoundAsync("张建"), Does.Contain(Scattered).And.Contain(BranchSummary));
    }

    [Test]
    public async Task A_query_only_in_an_attached_pdfs_text_finds_the_documents_current_file_version()
    {
        Assert.That(await FoundAsync("自力更生"), Is.EqualTo(new[] { WithPdf }));
        var hit = (await SearchAsync("q=" + Uri.EscapeDataString("红旗渠精神"))).GetProperty("items")[0];
        Assert.That(hit.GetProperty("snippets").EnumerateArray().Select(s => s.GetString()),
            Is.EqualTo(new[] { "\n第一站：林州市红旗渠纪念馆，学习自力更生、艰苦创业的<mark>红旗渠精神</mark>。" }), "the old version's text is not shown");
    }

    [TestCase("12号")]
    [TestCase("2021〕12号")]
    [TestCase("〔2021〕12号")]
    [TestCase("院党发〔２０２１〕１２号")]
    [TestCase("2021 12号")]
    public async Task A_document_number_is_found_as_users_type_it(string q)
    {
        var found = await FoundAsync(q);
        Assert.That(found, Does.Contain(Notice).And.Not.Contain(Commendation));
        Assert.That(found[0], Is.EqualTo(Notice));
    }

    [Test]
    public async Task Another_number_of_the_same_year_is_not_confused() =>
        Assert.That(await FoundAsync("〔2022〕3号"), Is.EqualTo(new[] { Commendation }));

    [Test]
    public async Task A_title_match_ranks_above_a_match_in_the_text_with_the_hits_marked()
    {
        // As a reader of public documents (the level-2 one would be a fourth hit for the committee).
        using var reader = Host.Client();
        await reader.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, Branch));
        var page = await SearchAsync("q=" + Uri.EscapeDataString("党史学习"), reader);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.That(Ids(page), Is.EqualTo(new[] { Notice, BranchStudy, Commendation }), "titles first (newest first among them), the summary's hit last");
        Assert.That(page.GetProperty("total").GetInt64(), Is.EqualTo(3));
        Assert.That(items[0].GetProperty("titleHtml").GetString(), Is.EqualTo("关于开展<mark>党史学习</mark>教育的通知"));
        Assert.That(items[0].GetProperty("docNumber").GetString(), Is.EqualTo("院党发〔2021〕12号"));
        Assert.That(items[0].GetProperty("categoryName").GetString(), Is.EqualTo("检索测试·党委文件"));
        Assert.That(items[0].GetProperty("issuedOn").GetString(), Is.EqualTo("2021-03-01"));
        Assert.That(items[2].GetProperty("snippets")[0].GetString(), Is.EqualTo("在<mark>党史学习</mark>教育中涌现出一批优秀共产党员，院党委决定予以表彰。"));
        Assert.That(items[0].GetProperty("rank").GetDouble(), Is.GreaterThan(items[2].GetProperty("rank").GetDouble()));
    }

    [Test]
    public async Task A_name_in_running_text_is_shown_in_its_passage()
    {
        var hit = (await SearchAsync("q=" + Uri.EscapeDataString("张建国 海淀"))).GetProperty("items").EnumerateArray().Single();
        var snippets = hit.GetProperty("snippets").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.That(snippets, Has.Some.Contains("<mark>张建国</mark>同志").And.Some.Contains("北京市<mark>海淀</mark>区"));
        Assert.That(snippets, Has.Some.Contains("&#8220;三会一课&#8221;").Or.Some.Contains("“三会一课”"), "the text is escaped, not dropped");
    }

    [Test]
    public async Task A_branch_secretary_finds_their_branchs_public_documents_but_not_a_secret_one()
    {
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, Branch));
        var found = Ids(await SearchAsync("q=" + Uri.EscapeDataString("党史学习教育"), secretary));
        Assert.That(found, Is.EquivalentTo(new[] { Notice, Commendation, BranchStudy }), "public documents anywhere, never a level-2 one");
        Assert.That(Ids(await SearchAsync("q=" + Uri.EscapeDataString("专项检查"), secretary)), Is.Empty);
        Assert.That(Ids(await SearchAsync("q=" + Uri.EscapeDataString("专项检查"))), Is.EqualTo(new[] { Secret }), "the committee holds archives.restricted");
    }

    [Test]
    public async Task Filters_narrow_by_category_with_its_subcategories_date_and_body()
    {
        var q = "q=" + Uri.EscapeDataString("党");
        Assert.That(Ids(await SearchAsync($"{q}&categoryId={BranchFiles}")), Is.EquivalentTo(new[] { BranchSummary, Secret, BranchStudy }));
        Assert.That(Ids(await SearchAsync($"{q}&categoryId={PartyFiles}")),
            Is.EquivalentTo(new[] { Notice, BranchSummary, Commendation, Secret, WithPdf, BranchStudy }), "a category includes its subcategories");
        Assert.That(Ids(await SearchAsync($"{q}&from=2021-06-01&to=2021-12-31")), Is.EquivalentTo(new[] { BranchSummary, Secret, BranchStudy }));
        Assert.That(Ids(await SearchAsync($"{q}&body={Uri.EscapeDataString("第一党支部")}")), Is.EquivalentTo(new[] { BranchSummary, Secret, BranchStudy }));
        var paged = await SearchAsync($"{q}&pageSize=2&page=2");
        Assert.That(paged.GetProperty("total").GetInt64(), Is.EqualTo(6));
        Assert.That(Ids(paged), Has.Length.EqualTo(2));
    }

    [Test]
    public async Task An_empty_or_too_long_query_is_refused_in_chinese_and_query_syntax_is_harmless()
    {
        var empty = await Problems.ExpectAsync(await Committee.GetAsync("/api/archives/search?q=%20"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(empty, "q"), Does.Contain("请输入要检索的文字"));
        var punctuation = await Problems.ExpectAsync(await Committee.GetAsync("/api/archives/search?q=" + Uri.EscapeDataString("！&|")),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(punctuation, "q"), Does.Contain("请输入要检索的文字"));
        var tooLong = await Problems.ExpectAsync(await Committee.GetAsync("/api/archives/search?q=" + new string('党', 101)),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(tooLong, "q"), Does.Contain("100"));
        Assert.That(await FoundAsync("a & !b | c:*"), Is.Empty);
        Assert.That(await FoundAsync("'); 党史学习 --"), Does.Contain(Notice));
    }

    [Test]
    public async Task A_query_matching_more_than_the_cap_says_more_than_and_still_puts_title_hits_first()
    {
        // 520 documents hold the word in their text, one in its title (the oldest, so date order alone would put it last).
        var category = Guid.NewGuid();
        var titled = Guid.NewGuid();
        await Host.ExecuteAsync($"""
            insert into archives.category (id, name) values ('{category}', '批量测试');
            insert into archives.document (id, title, issued_on, issuing_body, category_id, organization_id, summary)
            select gen_random_uuid(), '记录' || n, date '2010-01-01' + n, '测试机关', '{category}', '{Branch}', '本次犇鑫淼活动记录第' || n || '号'
            from generate_series(1, 520) n;
            insert into archives.document (id, title, issued_on, issuing_body, category_id, organization_id)
            values ('{titled}', '犇鑫淼活动总结', '2009-01-01', '测试机关', '{category}', '{Branch}');
            """);
        await ReindexAsync(200);
        var page = await SearchAsync("q=" + Uri.EscapeDataString("犇鑫淼"));
        Assert.That(page.GetProperty("total").GetInt64(), Is.EqualTo(500));
        Assert.That(page.GetProperty("totalCapped").GetBoolean(), Is.True);
        Assert.That(Ids(page)[0], Is.EqualTo(titled));
        Assert.That(page.GetProperty("items")[1].GetProperty("snippets")[0].GetString(), Does.Contain("<mark>犇鑫淼</mark>"));
        Assert.That((await SearchAsync("q=" + Uri.EscapeDataString("渠"))).GetProperty("totalCapped").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Reindexing_again_writes_the_same_vectors()
    {
        var before = await Host.ScalarAsync<string>("select string_agg(search_vector::text, '|' order by id) from archives.document");
        await Host.SendAsync(new RebuildSearchIndex(null, 100));
        Assert.That(await Host.ScalarAsync<string>("select string_agg(search_vector::text, '|' order by id) from archives.document"), Is.EqualTo(before));
    }

    private static Guid Document(string name) => (Guid)typeof(ArchivesSearchTests).GetField(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
}
