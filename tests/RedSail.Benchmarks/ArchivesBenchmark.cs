using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Search;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Platform.Access;
using RedSail.Testing;

/// <summary>
/// The archive's Chinese full-text search at scale (issue 5): N documents of about --doc-kb KB of Chinese each, generated from a
/// seeded vocabulary and loaded with binary COPY (one document = metadata + one file's extracted text); the search vectors
/// built through the reindex command (documents/s, MB/s); search under load over HTTP; and the recall of 50 queries whose
/// answers the generator planted (names, places, document numbers, words of 1–4 characters made of characters the vocabulary
/// never uses, so a planted document is the only possible answer).
/// </summary>
internal static class ArchivesBenchmark
{
    public static async Task RunAsync(TestHost host, int documents, int documentKb, int clients, int warmup, int seconds)
    {
        await host.SendAsync(new SeedDemoData());
        for (var i = 0; i < 300 && await host.ScalarAsync<long>("select count(*) from archives.organization") < 56; i++) await Task.Delay(100);
        var organizations = await QueryAsync(host, "select id from archives.organization order by path");
        var root = organizations[0];

        var generate = Stopwatch.StartNew();
        var corpus = new ArchiveCorpus(20190701, documents, documentKb * 1024, organizations);
        var load = Stopwatch.StartNew();
        await corpus.CopyAsync(host.OwnerConnectionString);
        load.Stop();
        generate.Stop();
        Console.WriteLine($"Archive: {documents:N0} documents, {corpus.TextBytes / 1e6:N0} MB of text (UTF-8), loaded by binary COPY in {load.Elapsed.TotalSeconds:0.0} s " +
                          $"(generation included: {generate.Elapsed.TotalSeconds:0.0} s)");

        // Segmentation + vector building alone (CPU, all cores), on the first 2,000 documents' texts.
        var sample = corpus.Sample(Math.Min(2_000, documents));
        var sampleBytes = sample.Sum(s => (long)Encoding.UTF8.GetByteCount(s.Title) + s.FileTexts.Sum(t => Encoding.UTF8.GetByteCount(t)));
        SearchIndex.Build(sample.Take(20).ToList()); // loads the dictionary
        var build = Stopwatch.StartNew();
        var vectors = SearchIndex.Build(sample);
        build.Stop();
        Console.WriteLine($"Vector building alone: {sample.Count / build.Elapsed.TotalSeconds:N0} documents/s, {sampleBytes / 1e6 / build.Elapsed.TotalSeconds:0.0} MB/s " +
                          $"on {Environment.ProcessorCount} cores; vector text {vectors.Average(v => v.Full?.Length ?? 0) / 1024:0} KB per document");

        // The reindex verb's path: read a batch, build, write back with unnest, commit; the GIN index maintained as it goes.
        var index = Stopwatch.StartNew();
        var indexed = 0L;
        for (Guid? after = null; ;)
        {
            var batch = await host.SendAsync(new RebuildSearchIndex(after, 500));
            indexed += batch.Indexed;
            after = batch.Last;
            if (indexed % 10_000 < 500) Console.WriteLine($"  reindexed {indexed:N0} / {batch.Total:N0} ({index.Elapsed.TotalSeconds:0} s)");
            if (batch.Done) break;
        }
        index.Stop();
        await host.ExecuteAsync("vacuum analyze archives.document");
        var size = await host.ScalarAsync<string>("""
            select format('table %s, of which GIN %s', pg_size_pretty(pg_total_relation_size('archives.document')),
                          pg_size_pretty(pg_relation_size('archives.ix_archives_document_search')))
            """);
        Console.WriteLine($"Reindex (the verb's batches of 500): {indexed:N0} documents in {index.Elapsed.TotalSeconds:0.0} s = " +
                          $"{indexed / index.Elapsed.TotalSeconds:N0} documents/s, {corpus.TextBytes / 1e6 / index.Elapsed.TotalSeconds:0.0} MB/s; {size}");

        using var committee = host.Client();
        await committee.SignInAsync(await host.CreateUserAsync(RoleCatalog.CommitteeAdmin, root));

        // Recall: every planted document must be among the answers.
        var found = 0;
        var planted = 0;
        var extra = 0L;
        var misses = new List<string>();
        foreach (var (query, answers) in corpus.Queries)
        {
            var response = await committee.Http.GetAsync($"/api/archives/search?pageSize=100&q={Uri.EscapeDataString(query)}");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{query} answered {(int)response.StatusCode}: {body}");
            var page = JsonDocument.Parse(body).RootElement;
            var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("documentId").GetGuid()).ToHashSet();
            var hits = answers.Count(ids.Contains);
            found += hits;
            planted += answers.Count;
            extra += page.GetProperty("total").GetInt64() - hits;
            if (hits < answers.Count) misses.Add($"{query} ({hits}/{answers.Count})");
        }
        Console.WriteLine($"Recall on {corpus.Queries.Count} planted queries: {found}/{planted} documents = {100.0 * found / planted:0.0} %" +
                          $"{(misses.Count > 0 ? "; missed: " + string.Join(", ", misses) : "")}; other documents returned: {extra}");

        // Load: the planted queries and a few common words of the vocabulary, round robin.
        var queries = corpus.Queries.Select(q => q.Query).Concat(ArchiveCorpus.CommonQueries).ToArray();
        var result = await Load.RunAsync(committee.Http, random => $"/api/archives/search?q={Uri.EscapeDataString(queries[random.Next(queries.Length)])}",
            clients, warmup, seconds);
        var common = await Load.RunAsync(committee.Http, random => $"/api/archives/search?q={Uri.EscapeDataString(ArchiveCorpus.CommonQueries[random.Next(ArchiveCorpus.CommonQueries.Length)])}",
            clients, 1, seconds);
        var planted1 = await Load.RunAsync(committee.Http, random => $"/api/archives/search?q={Uri.EscapeDataString(corpus.Queries[random.Next(corpus.Queries.Count)].Query)}",
            clients, 1, seconds);
        Console.WriteLine();
        Console.WriteLine($"| Search ({documents:N0} documents, {clients} clients, {seconds} s) | req/s | p50 ms | p99 ms | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| planted queries (rare: 1–20 answers) | {planted1.Throughput:N0} | {planted1.P50:0.0} | {planted1.P99:0.0} | {planted1.Errors} |");
        Console.WriteLine($"| common words (thousands of answers, ranked) | {common.Throughput:N0} | {common.P50:0.0} | {common.P99:0.0} | {common.Errors} |");
        Console.WriteLine($"| mixed ({corpus.Queries.Count} planted + {ArchiveCorpus.CommonQueries.Length} common) | {result.Throughput:N0} | {result.P50:0.0} | {result.P99:0.0} | {result.Errors} |");
        Console.WriteLine("Goal: p99 ≤ 50 ms at 16 clients; recall 100 %.");
    }

    private static async Task<Guid[]> QueryAsync(TestHost host, string sql)
    {
        await using var connection = new NpgsqlConnection(host.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids.ToArray();
    }
}

/// <summary>The generated archive: documents, and the 50 planted queries with their answers.</summary>
internal sealed class ArchiveCorpus(int seed, int documents, int textBytes, Guid[] organizations)
{
    // The vocabulary: party-building prose. None of its characters appears in the planted words (Rare below).
    private static readonly string[] Words =
    [
        "党委", "党支部", "党员", "党建", "学习", "教育", "组织", "生活", "会议", "决定", "通知", "工作", "开展", "落实", "加强", "推进", "全面",
        "从严", "治党", "思想", "政治", "建设", "作风", "纪律", "制度", "群众", "路线", "实践", "活动", "专题", "研讨", "民主", "评议", "发展",
        "积极分子", "预备", "转正", "入党", "申请", "考察", "培养", "联系人", "支委会", "党小组", "三会一课", "主题党日", "谈心谈话", "批评",
        "自我批评", "整改", "问题", "清单", "措施", "责任", "考核", "监督", "检查", "报告", "总结", "计划", "安排", "部署", "要求", "精神",
        "贯彻", "中央", "上级", "研究院", "科研", "项目", "团队", "青年", "职工", "工会", "共青团", "妇委会", "离退休", "老同志", "慰问",
        "志愿", "服务", "社区", "基层", "党课", "讲座", "参观", "红色", "基地", "传统", "初心", "使命", "担当", "作为", "创新", "质量",
        "安全", "生产", "保密", "廉政", "警示", "案例", "文件", "材料", "档案", "年度", "季度", "月份", "本单位", "各部门", "同志", "同志们",
        "认真", "及时", "切实", "进一步", "深入", "扎实", "有效", "组织生活会", "领导班子", "成员", "书记", "委员", "副书记", "选举", "换届",
        "表彰", "先进", "优秀", "模范", "典型", "事迹", "宣传", "报道", "网站", "简报", "信息", "统计", "数据", "党费", "收缴", "使用", "管理",
        "规定", "办法", "细则", "意见", "方案", "一", "二", "三", "四", "五", "第", "年", "月", "日", "在", "和", "的", "了", "是", "为", "对",
        "与", "及", "等", "中", "上", "下", "进行", "根据", "按照", "围绕", "结合", "通过", "做好", "提高", "增强", "确保",
    ];

    /// <summary>Common words for the load test: thousands of answers each, ranked.</summary>
    public static readonly string[] CommonQueries = ["党建", "组织生活会", "三会一课", "党员", "创新", "警示案例", "学习教育"];

    // Characters the vocabulary does not use: planted words are made of them, so only planted documents can match.
    private const string Rare = "犇鑫淼焱垚赟喆昇玥琰珩琪瑾瑜璇婧妍嫣翊熠烨煜炜烽峤嵘崧岚巍霁霖霏雯颢骞骁驰麒麟鹏鸿鹤鸾凤凰";
    private static readonly string[] Surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"];

    private readonly Random _random = new(seed);
    private readonly List<(Guid Id, string Title, string? Number, DateOnly IssuedOn, string Body, Guid Category, Guid Organization, string Text)> _documents = [];

    public long TextBytes { get; private set; }
    public List<(string Query, List<Guid> Answers)> Queries { get; } = [];

    /// <summary>The first documents as the index reads them.</summary>
    public List<SearchSource> Sample(int count) => _documents.Take(count).Select(d => new SearchSource
    {
        Id = d.Id, Title = d.Title, DocNumber = d.Number, IssuingBody = d.Body, FileTexts = [d.Text],
    }).ToList();

    private string Sentence(int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            // Zipf-like: the first words of the vocabulary are the most frequent.
            var index = (int)(Words.Length * Math.Pow(_random.NextDouble(), 2));
            text.Append(Words[index]);
        }
        return text.Append(_random.Next(4) == 0 ? "；" : "。").ToString();
    }

    private string RareWord(int length) => new(Enumerable.Range(0, length).Select(_ => Rare[_random.Next(Rare.Length)]).ToArray());

    public async Task CopyAsync(string connectionString)
    {
        var categories = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
        var bodies = new[] { "中共红帆研究院委员会", "红帆研究院纪委", "第一党支部", "第二党支部", "机关党支部", "院工会", "院团委" };
        // 50 planted queries: 10 names, 10 places, 10 document numbers, and 5 each of 1, 2, 3 and 4 rare characters.
        var plants = new List<(string Query, string Planted, string Where)>();
        var used = new HashSet<string>();
        string Unique(Func<string> make)
        {
            for (; ; )
            {
                var word = make();
                if (used.Add(word)) return word;
            }
        }
        for (var i = 0; i < 10; i++)
        {
            var name = Unique(() => Surnames[_random.Next(Surnames.Length)] + RareWord(2));
            plants.Add((name, name + "同志", "text"));
        }
        for (var i = 0; i < 10; i++)
        {
            var place = Unique(() => RareWord(2)) + "县";
            plants.Add((place, "在" + place + "开展调研", "text"));
        }
        for (var i = 0; i < 10; i++)
        {
            var number = $"院党发〔{1990 + i}〕{100 + i}号";
            plants.Add(($"〔{1990 + i}〕{100 + i}号", number, "number"));
        }
        // Single characters must not occur anywhere else: the rare words above use them, so the 1-character queries use digits'
        // neighbours of their own (characters from a separate set).
        foreach (var c in "曌燚嫑巭嘦") plants.Add((c.ToString(), c.ToString(), "text"));
        for (var length = 2; length <= 4; length++)
            for (var i = 0; i < 5; i++)
            {
                var word = Unique(() => RareWord(length));
                plants.Add((word, word, i % 2 == 0 ? "title" : "text"));
            }
        var answers = plants.Select(_ => new List<Guid>()).ToList();
        var assignments = new Dictionary<int, List<int>>();
        for (var p = 0; p < plants.Count; p++)
            for (var k = 0; k < (plants[p].Where == "number" ? 1 : 1 + _random.Next(20)); k++)
            {
                var document = _random.Next(documents);
                if (!assignments.TryGetValue(document, out var list)) assignments[document] = list = [];
                if (plants[p].Where == "number" && list.Any(i => plants[i].Where == "number")) continue;
                list.Add(p);
            }

        for (var d = 0; d < documents; d++)
        {
            var id = Guid.CreateVersion7();
            var title = "关于" + Sentence(2 + _random.Next(3)).TrimEnd('。', '；') + "的" + Words[_random.Next(Words.Length)];
            string? number = _random.Next(3) == 0 ? $"院党发〔{2000 + _random.Next(25)}〕{1 + _random.Next(99)}号" : null;
            var text = new StringBuilder(textBytes / 3 + 64);
            while (text.Length * 3 < textBytes) text.Append(Sentence(4 + _random.Next(12)));
            foreach (var p in assignments.GetValueOrDefault(d) ?? [])
            {
                answers[p].Add(id);
                var (_, planted, where) = plants[p];
                if (where == "title") title += planted;
                else if (where == "number") number = planted;
                else text.Insert(_random.Next(text.Length), planted); // anywhere in the text, split sentences included
            }
            var body = text.ToString();
            TextBytes += Encoding.UTF8.GetByteCount(body) + Encoding.UTF8.GetByteCount(title);
            _documents.Add((id, title, number, new DateOnly(2000, 1, 1).AddDays(_random.Next(9000)), bodies[_random.Next(bodies.Length)],
                categories[_random.Next(categories.Length)], organizations[_random.Next(organizations.Length)], body));
        }
        for (var p = 0; p < plants.Count; p++)
            if (answers[p].Count > 0) Queries.Add((plants[p].Query, answers[p]));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(
            "insert into archives.category (id, name) select id, '类别' || n from unnest(@ids) with ordinality as c(id, n); " +
            "insert into archives.blob (sha256, size, content_type) values ('benchmark', 0, 'application/pdf')", connection))
        {
            command.Parameters.AddWithValue("ids", categories);
            await command.ExecuteNonQueryAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy archives.document (id, title, doc_number, issued_on, issuing_body, category_id, organization_id) from stdin (format binary)"))
        {
            foreach (var d in _documents)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(d.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(d.Title, NpgsqlDbType.Text);
                if (d.Number is null) await writer.WriteNullAsync(); else await writer.WriteAsync(d.Number, NpgsqlDbType.Text);
                await writer.WriteAsync(d.IssuedOn, NpgsqlDbType.Date);
                await writer.WriteAsync(d.Body, NpgsqlDbType.Text);
                await writer.WriteAsync(d.Category, NpgsqlDbType.Uuid);
                await writer.WriteAsync(d.Organization, NpgsqlDbType.Uuid);
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy archives.document_file (id, document_id, file_name, file_version, sha256, extraction_status, extracted_text) from stdin (format binary)"))
        {
            foreach (var d in _documents)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(d.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync("正文.pdf", NpgsqlDbType.Text);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync("benchmark", NpgsqlDbType.Text);
                await writer.WriteAsync("done", NpgsqlDbType.Text);
                await writer.WriteAsync(d.Text, NpgsqlDbType.Text);
            }
            await writer.CompleteAsync();
        }
    }
}
