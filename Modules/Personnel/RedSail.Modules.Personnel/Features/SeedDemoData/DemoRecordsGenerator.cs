using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Personnel.Features.SeedDemoData;

internal sealed record DemoRecord(Guid Id, Guid PersonId, string Set, DateOnly? From, DateOnly? To, Dictionary<string, string> Values,
    Guid? Organization = null);

/// <summary>
/// The demo people's information sets, reproducible from the seed: everyone's education, the serving staff's posts and
/// union membership, young people's League membership (some close to the leaving age), personal traits, family members,
/// a few rewards and requests for help, and the united-front contacts' categories.
/// </summary>
internal sealed class DemoRecordsGenerator(int seed)
{
    private static readonly string[] Schools = ["北京大学", "清华大学", "武汉大学", "南京大学", "同济大学", "中国地质大学", "中国农业大学", "北京师范大学", "河海大学", "长安大学"];
    private static readonly string[] Majors = ["地理信息科学", "测绘工程", "土地资源管理", "城乡规划", "环境科学", "计算机科学与技术", "法学", "行政管理", "遥感科学与技术", "会计学"];
    private static readonly string[] Posts = ["科员", "副主任科员", "主任科员", "副处长", "处长", "副所长", "项目主管", "工程师"];
    private static readonly (string Title, string Level)[] Titles = [("助理工程师", "4"), ("工程师", "3"), ("高级工程师", "2"), ("正高级工程师", "1"), ("助理研究员", "4"), ("副研究员", "2"), ("研究员", "1")];
    private static readonly string[] Specialties = ["国土空间规划", "遥感影像解译", "地籍测量", "数据库设计", "政策法规研究", "生态修复评估", "财务管理", "档案管理", "软件开发", "外事翻译"];
    private static readonly string[] Skills = ["书法", "摄影", "英语翻译", "公文写作", "主持", "乒乓球", "合唱", "演讲", "PPT 设计", "急救"];
    private static readonly string[] Hobbies = ["长跑", "读书", "登山", "羽毛球", "围棋", "绘画", "园艺", "太极拳"];
    private static readonly string[] Health = ["良好", "良好", "良好", "高血压，需定期复查", "腰椎间盘突出，避免久坐", "糖尿病，饮食控制中"];
    private static readonly string[] Children = ["育有一子，在读小学", "育有一女，在读高中", "育有两孩，均在读幼儿园", "暂无子女", "子女已工作"];

    private readonly Random _random = new(seed + 1);

    public IReadOnlyList<DemoRecord> Generate(IReadOnlyList<DemoOrganization> organizations, IReadOnlyList<DemoPerson> people, DateOnly today)
    {
        var union = organizations.Single(o => o.Type == OrganizationTypes.Union).Id;
        var leagueBranches = organizations.Where(o => o.Type == OrganizationTypes.YouthLeagueBranch).Select(o => o.Id).ToArray();
        var unitedFront = organizations.Single(o => o.Type == OrganizationTypes.UnitedFront).Id;
        var records = new List<DemoRecord>();
        var contacts = 0;
        foreach (var p in people)
        {
            var age = today.Year - p.BirthDate.Year;
            var retired = age > 60;
            var graduated = new DateOnly(p.BirthDate.Year + 22, 7, 1);
            records.Add(Record(p, "education", new DateOnly(p.BirthDate.Year + 18, 9, 1), graduated, new()
            {
                ["education"] = p.Education, ["school"] = Pick(Schools), ["major"] = Pick(Majors), ["studyMode"] = "full_time",
                ["degree"] = p.Education switch { "11" => "2", "14" => "3", "21" => "4", _ => "0" },
            }));
            if (!retired)
            {
                var (title, level) = Pick(Titles);
                var post = Pick(Posts);
                records.Add(Record(p, "post", Between(graduated, today), null,
                    new() { ["post"] = post, ["title"] = title, ["titleLevel"] = level, ["occupation"] = OccupationOf(post) }));
                records.Add(Record(p, "mass_org", graduated, null, new() { ["organization"] = union.ToString(), ["post"] = "会员" }, union));
            }
            if (age <= 28)
            {
                var league = leagueBranches[_random.Next(leagueBranches.Length)];
                records.Add(Record(p, "mass_org", new DateOnly(p.BirthDate.Year + 14, 5, 4), null,
                    new() { ["organization"] = league.ToString(), ["post"] = "团员" }, league));
            }
            if (_random.NextDouble() < 0.4)
                records.Add(Record(p, "traits", null, null, new()
                {
                    ["specialty"] = Pick(Specialties), ["skills"] = Pick(Skills), ["hobbies"] = Pick(Hobbies), ["health"] = Pick(Health),
                    ["children"] = Pick(Children),
                }));
            if (_random.NextDouble() < 0.3)
                records.Add(Record(p, "family", null, null, new()
                {
                    ["relation"] = "10", ["name"] = DemoDataGenerator.Surnames[_random.Next(DemoDataGenerator.Surnames.Length)] + "某某",
                    ["birthYear"] = (p.BirthDate.Year + _random.Next(-3, 4)).ToString(), ["politicalStatus"] = Pick(["01", "13", "13"]),
                    ["workUnit"] = Pick(["北京市某中学 教师", "某银行支行 职员", "某医院 护士", "某设计院 工程师"]),
                }));
            if (p.PartyStatus == "full_member" && _random.NextDouble() < 0.1)
                records.Add(Record(p, "reward", new DateOnly(today.Year - 1 - _random.Next(5), 7, 1), null, new()
                {
                    ["kind"] = "reward", ["name"] = Pick(["优秀共产党员", "优秀党务工作者", "先进工作者"]), ["level"] = Pick(["institute", "bureau", "provincial"]),
                    ["conferredBy"] = "红帆研究院党委",
                }));
            if (_random.NextDouble() < 0.04)
            {
                var answered = _random.NextDouble() < 0.5;
                var values = new Dictionary<string, string>
                {
                    ["category"] = Pick(["children", "housing", "health", "elderly"]), ["status"] = answered ? "answered" : "open",
                    ["request"] = Pick(["子女入学需协调学位", "家中老人长期住院，希望调整值班安排", "申请公租房咨询", "希望参加专业技术培训"]),
                };
                if (answered) values["response"] = "支部书记已谈心谈话，协调相关部门办理，持续跟进";
                records.Add(Record(p, "care", today.AddDays(-_random.Next(10, 200)), null, values));
            }
            if (p.OrganizationId == unitedFront)
            {
                var category = new[] { "01", "02", "03", "08", "04", "12" }[contacts++ % 6];
                var values = new Dictionary<string, string> { ["category"] = category };
                if (category == "01") values["democraticParty"] = Pick(["05", "10", "07"]);
                records.Add(Record(p, "united_front", null, null, values));
            }
        }
        return records;
    }

    /// <summary>The national occupation group of a demo post (no random draw, so the rest of the demo stays as it was).</summary>
    private static string OccupationOf(string post) => post is "副处长" or "处长" or "副所长" or "项目主管" ? "4" : post == "工程师" ? "3" : "5";

    private DemoRecord Record(DemoPerson p, string set, DateOnly? from, DateOnly? to, Dictionary<string, string> values, Guid? organization = null) =>
        new(DemoDataGenerator.SeededGuid(_random), p.Id, set, from, to, values, organization);

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private DateOnly Between(DateOnly from, DateOnly to) => from.AddDays(_random.Next(Math.Max(1, to.DayNumber - from.DayNumber)));
}
