using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RedSail.Modules.Archives.Domain;
using RedSail.Modules.Archives.Features.Files;
using RedSail.Modules.Archives.Features.Search;

namespace RedSail.Modules.Archives.Features.SeedDemoData;

/// <summary>
/// The demo archive: about forty documents since 2015 across the default categories (M0011) — the committee's notices,
/// decisions and minutes with 文号 such as 院党发〔2021〕12号, branches' records, mass-organisation and united-front papers,
/// photos — each with a real Word file of its text (or a picture with its caption) in the file store, already extracted,
/// so that full-text search finds names, places and numbers. Deterministic for a seed; dated up to today.
/// </summary>
internal sealed class DocumentsDemoPart(FileStore store) : IDemoPart<ArchivesDb>
{
    public int Order => 10;

    private const string Committee = "中共红帆研究院委员会";

    private sealed record Template(string Category, string Title, string? NumberPrefix, string Body, string Topic, int Level = SecurityLevels.Public,
        bool Branch = false, bool Photo = false, bool NamesPeople = false, int? OnlyYear = null);

    private static readonly Template[] Templates =
    [
        new("102", "关于召开{year}年度党员大会的通知", "院党发", "定于{date}在研究院报告厅召开{year}年度党员大会，听取和审议院党委工作报告，请各党支部组织党员准时参加。", "党员大会"),
        new("102", "关于表彰{year}年度优秀共产党员和优秀党务工作者的决定", "院党发", "经各党支部推荐、院党委审议，决定授予{names}等同志“优秀共产党员”称号，希望受表彰的同志珍惜荣誉、再接再厉。", "表彰", NamesPeople: true),
        new("102", "关于开展“不忘初心、牢记使命”主题教育的实施方案", "院党发", "按照中央统一部署，在全院党员中开展“不忘初心、牢记使命”主题教育，坚持学习教育、调查研究、检视问题、整改落实贯穿全过程。", "主题教育", OnlyYear: 2019),
        new("102", "关于开展党史学习教育的实施方案", "院党发", "在全院开展党史学习教育，引导党员干部学党史、悟思想、办实事、开新局，以优异成绩庆祝建党一百周年。", "党史学习教育", OnlyYear: 2021),
        new("102", "关于认真学习宣传贯彻党的二十大精神的通知", "院党发", "各党支部要把学习宣传贯彻党的二十大精神作为当前和今后一个时期的首要政治任务，组织专题学习研讨。", "二十大精神", OnlyYear: 2022),
        new("102", "关于开展党纪学习教育的通知", "院党发", "以学习《中国共产党纪律处分条例》为重点，在全体党员中开展党纪学习教育，做到学纪、知纪、明纪、守纪。", "党纪学习教育", OnlyYear: 2024),
        new("102", "关于进一步加强党支部标准化规范化建设的意见", "院党发", "围绕组织设置、组织生活、党员教育管理、阵地建设等方面，推进党支部标准化规范化建设，每年开展一次达标验收。", "支部建设"),
        new("101", "院党委{year}年第{n}次会议纪要", "院党纪", "会议研究了干部选拔任用、党员发展计划和年度党建工作考核等事项，形成决定如下：一、同意……；二、原则通过……。", "党委会议", SecurityLevels.Internal),
        new("101", "院党委{year}年干部任免事项会议纪要", "院党纪", "会议审议了中层干部任免建议名单，按程序进行了讨论和表决，相关事项按干部管理权限报批。", "干部任免", SecurityLevels.Restricted),
        new("103", "{year}年党建工作要点", "院党发", "{year}年全院党建工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，全面加强党的政治建设、思想建设、组织建设、作风建设和纪律建设。", "工作要点"),
        new("103", "{year}年党建工作总结", null, "一年来，院党委认真落实全面从严治党主体责任，全院{branches}个党支部全部完成“三会一课”任务，发展党员若干名。", "工作总结"),
        new("201", "{branch}{year}年第{q}季度党课记录", null, "本季度党课由支部书记讲授，题目为《新时代共产党员的初心和使命》，应到党员全部参加，会后开展了交流讨论。", "党课", SecurityLevels.Internal, Branch: true),
        new("202", "{branch}{year}年度组织生活会情况报告", null, "支部召开年度组织生活会，班子成员和党员逐一开展批评和自我批评，查摆问题并制定整改措施，会后开展民主评议党员。", "组织生活会", SecurityLevels.Internal, Branch: true),
        new("203", "关于{branch}委员会换届选举结果的批复", "院党组", "经研究，同意{branch}选举产生的新一届支部委员会组成人员，任期三年。", "换届", Branch: true),
        new("301", "关于举办{year}年职工运动会的通知", "院工发", "为丰富职工文化生活，定于{date}举办职工运动会，设拔河、跳绳、接力跑等项目，请各分工会组织报名。", "运动会"),
        new("302", "关于开展“五四”青年节系列活动的通知", "院团发", "围绕弘扬五四精神，组织青年理论学习小组交流、青年科技沙龙和志愿服务活动。", "五四"),
        new("303", "关于开展“三八”国际妇女节系列活动的通知", "院妇发", "组织女职工开展健康讲座、读书分享和趣味游园活动，展示新时代女性风采。", "三八"),
        new("401", "{year}年党外人士座谈会纪要", null, "院党委邀请各民主党派成员和无党派人士座谈，通报全院年度工作，听取意见建议，与会人士围绕科研创新建言献策。", "座谈会"),
        new("402", "关于做好新时代党外知识分子工作的意见", "院党发", "加强对党外知识分子的政治引领和联谊交友，支持其在科研攻关中发挥作用。", "党外知识分子"),
        new("501", "{year}年“七一”主题党日活动照片", null, "{year}年七一，全院党员赴红色教育基地开展主题党日活动，重温入党誓词。", "主题党日", Photo: true),
        new("502", "建院初期老照片（{year}年整理）", null, "研究院建院初期的办公楼、实验室和第一批科研人员合影，由院史办整理。", "院史", Photo: true),
    ];

    public async Task<int> SeedAsync(ArchivesDb db, int seed, DateOnly today, CancellationToken ct)
    {
        var root = await db.QuerySingleOrDefaultAsync<Guid?>("select id from archives.organization where parent_id is null and status = 'active' order by path limit 1",
            null, ct);
        if (root is null) return 0; // Personnel's demo has not reached the archive
        var branches = await db.QueryAsync<(Guid Id, string Name)>("""
            select b.id, b.name from archives.organization b join archives.organization r on b.path <@ r.path
            where r.id = @root and b.type = 'branch' and b.status = 'active' order by b.path
            """, new { root }, ct);
        var people = await db.QueryAsync<(Guid Id, string Name)>("select id, name from archives.person order by name, id limit 200", null, ct);
        var random = new Random(seed);
        var years = Enumerable.Range(2015, today.Year - 2015 + 1).ToArray();
        var numbers = new Dictionary<(string, int), int>();
        var documents = new List<DemoDocument>();
        for (var i = 0; documents.Count < 40 && i < 200; i++)
        {
            var template = Templates[i % Templates.Length];
            var year = template.OnlyYear ?? years[(i * 7 + seed) % years.Length];
            if (documents.Any(d => d.Template == template && d.Year == year)) continue;
            var issuedOn = new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28));
            if (issuedOn > today) issuedOn = today.AddDays(-random.Next(1, 60));
            var branch = branches.Count == 0 ? (Id: root.Value, Name: "院党委") : branches[random.Next(branches.Count)];
            var named = template.NamesPeople && people.Count > 0 ? Enumerable.Range(0, 3).Select(_ => people[random.Next(people.Count)]).DistinctBy(p => p.Id).ToList() : [];
            var number = template.NumberPrefix is null ? null : $"{template.NumberPrefix}〔{year}〕{Next(numbers, template.NumberPrefix, year, random)}号";
            string Fill(string text) => text.Replace("{year}", year.ToString()).Replace("{date}", $"{issuedOn:yyyy年M月d日}")
                .Replace("{branch}", branch.Name).Replace("{q}", (1 + (issuedOn.Month - 1) / 3).ToString()).Replace("{n}", (1 + random.Next(12)).ToString())
                .Replace("{names}", string.Join("、", named.Select(p => p.Name))).Replace("{branches}", branches.Count.ToString());
            var title = Fill(template.Title);
            var issuingBody = template.Branch && !template.Title.StartsWith("关于") ? branch.Name : template.Category[0] switch
            {
                '3' => template.Category == "301" ? "红帆研究院工会委员会" : template.Category == "302" ? "共青团红帆研究院委员会" : "红帆研究院妇女委员会",
                _ => Committee,
            };
            var body = $"{(template.Branch ? "" : "各党支部、各部门：\n")}{Fill(template.Body)}\n{issuingBody}\n{issuedOn:yyyy年M月d日}";
            documents.Add(new DemoDocument(template, year, Guid.CreateVersion7(), title, number, issuedOn, issuingBody,
                Guid.Parse($"a0000000-0000-4000-8000-000000000{template.Category}"), template.Branch ? branch.Id : root.Value,
                named.Select(p => p.Id).ToArray(), body));
        }

        var files = new List<(Guid DocumentId, string Name, string Sha256, string? Caption, string Text)>();
        foreach (var d in documents)
        {
            if (d.Template.Photo)
                files.Add((d.Id, $"{d.Title}.png", await store.SaveAsync(db, Picture, DocumentTypes.Png, ct), d.Body, d.Body));
            else
                files.Add((d.Id, $"{d.Title}.docx", await store.SaveAsync(db, Word(d.Title, d.Number, d.Body), DocumentTypes.Docx, ct), null, d.Title + "\n" + d.Body));
        }
        await db.ExecuteAsync("""
            insert into archives.document (id, title, doc_number, issued_on, issuing_body, category_id, keywords, security_level, organization_id, summary)
            select d.id, d.title, d.number, d.issued_on, d.body_name, d.category, array[d.topic], d.level, d.organization, d.summary
            from unnest(@ids, @titles, @numbers, @dates, @bodies, @categories, @topics, @levels, @organizations, @summaries)
                 as d(id, title, number, issued_on, body_name, category, topic, level, organization, summary);
            update archives.document d set related_person_ids = p.ids
            from (select document, array_agg(person) as ids from unnest(@pairDocuments, @pairPeople) as x(document, person) group by document) p
            where d.id = p.document;
            """, new
        {
            ids = documents.Select(d => d.Id).ToArray(), titles = documents.Select(d => d.Title).ToArray(), numbers = documents.Select(d => d.Number).ToArray(),
            dates = documents.Select(d => d.IssuedOn).ToArray(), bodies = documents.Select(d => d.IssuingBody).ToArray(),
            categories = documents.Select(d => d.Category).ToArray(), topics = documents.Select(d => d.Template.Topic).ToArray(),
            levels = documents.Select(d => (short)d.Template.Level).ToArray(), organizations = documents.Select(d => d.OrganizationId).ToArray(),
            summaries = documents.Select(d => d.Body).ToArray(),
            pairDocuments = documents.SelectMany(d => d.RelatedPeople.Select(_ => d.Id)).ToArray(),
            pairPeople = documents.SelectMany(d => d.RelatedPeople).ToArray(),
        }, ct);
        await db.ExecuteAsync("""
            insert into archives.document_file (id, document_id, file_name, file_version, sha256, caption, extraction_status, extracted_text)
            select gen_random_uuid(), f.document_id, f.name, 1, f.sha256, f.caption, 'done', f.text
            from unnest(@documents, @names, @hashes, @captions, @texts) as f(document_id, name, sha256, caption, text)
            """, new
        {
            documents = files.Select(f => f.DocumentId).ToArray(), names = files.Select(f => f.Name).ToArray(), hashes = files.Select(f => f.Sha256).ToArray(),
            captions = files.Select(f => f.Caption).ToArray(), texts = files.Select(f => f.Text).ToArray(),
        }, ct);
        await SearchIndex.RefreshAsync(db, documents.Select(d => d.Id).ToArray(), ct);
        return documents.Count + files.Count;
    }

    private sealed record DemoDocument(Template Template, int Year, Guid Id, string Title, string? Number, DateOnly IssuedOn, string IssuingBody,
        Guid Category, Guid OrganizationId, Guid[] RelatedPeople, string Body);

    private static int Next(Dictionary<(string, int), int> numbers, string prefix, int year, Random random) =>
        numbers[(prefix, year)] = numbers.TryGetValue((prefix, year), out var n) ? n + 1 + random.Next(3) : 1 + random.Next(5);

    /// <summary>A 1×1 picture standing in for a photo (its caption is its text).</summary>
    private static readonly byte[] Picture =
        Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static byte[] Word(string title, string? number, string body)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var lines = new[] { title, number ?? "" }.Concat(body.Split('\n')).Where(l => l.Length > 0);
            main.Document = new Document(new Body(lines.Select(l => new Paragraph(new Run(new Text(l) { Space = SpaceProcessingModeValues.Preserve })))));
            main.Document.Save();
        }
        return stream.ToArray();
    }
}
