using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.SeedDemoData;

internal sealed record DemoOrganization(Guid Id, Guid? ParentId, string Code, string Name, string Type, string Path);

internal sealed record DemoPerson(Guid Id, Guid OrganizationId, string Name, char Gender, DateOnly BirthDate, string Ethnicity,
    string Education, string IdNumber, string PartyStatus, DateOnly? JoinedOn, string EmployeeNumber);

/// <summary>
/// The demo institute of shared/DOMAIN.md §1, reproducible from a seed: one committee, 16 branches with two
/// party groups each, 169 party members with valid ID numbers, applicants, activists and candidates, the
/// mass and united-front organisations, and six united-front contacts.
/// </summary>
internal sealed class DemoDataGenerator(int seed)
{
    private static readonly string[] BranchNames =
    [
        "机关第一党支部", "机关第二党支部", "规划研究所党支部", "测绘技术所党支部", "信息中心党支部", "调查监测所党支部",
        "土地利用所党支部", "生态修复所党支部", "地籍管理所党支部", "标准规范所党支部", "遥感应用所党支部", "法规政策所党支部",
        "国际合作处党支部", "后勤服务中心党支部", "离退休第一党支部", "离退休第二党支部",
    ];

    internal static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
        "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "欧阳",
    ];

    internal const string MaleGiven = "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘";
    internal const string FemaleGiven = "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽";
    private static readonly string[] AddressCodes = ["110101", "110102", "110105", "110106", "110108", "320102", "370102", "420102", "510104", "610113"];
    internal static readonly string[] MinorityCodes = ["02", "03", "04", "05", "06", "08", "10", "11"];
    internal static readonly string[] EducationCodes = ["11", "14", "14", "21", "21", "21", "31"];

    private readonly Random _random = new(seed);
    private readonly HashSet<string> _idNumbers = [];

    public (IReadOnlyList<DemoOrganization> Organizations, IReadOnlyList<DemoPerson> People) Generate(DateOnly today)
    {
        var organizations = new List<DemoOrganization>();
        var root = Add(organizations, null, "RS", "红帆研究院党委", OrganizationTypes.Committee);
        var branches = new List<DemoOrganization>();
        for (var i = 0; i < BranchNames.Length; i++)
        {
            var branch = Add(organizations, root, $"RS-{i + 1:00}", BranchNames[i], OrganizationTypes.Branch);
            branches.Add(branch);
            Add(organizations, branch, $"RS-{i + 1:00}-1", "第一党小组", OrganizationTypes.PartyGroup);
            Add(organizations, branch, $"RS-{i + 1:00}-2", "第二党小组", OrganizationTypes.PartyGroup);
        }
        var union = Add(organizations, root, "RS-GH", "研究院工会", OrganizationTypes.Union);
        Add(organizations, union, "RS-GH-NZ", "女职工委员会", OrganizationTypes.WomenWorkers);
        var league = Add(organizations, root, "RS-TW", "研究院团委", OrganizationTypes.YouthLeague);
        Add(organizations, league, "RS-TW-1", "机关团支部", OrganizationTypes.YouthLeagueBranch);
        Add(organizations, league, "RS-TW-2", "业务团支部", OrganizationTypes.YouthLeagueBranch);
        Add(organizations, root, "RS-FW", "研究院妇委会", OrganizationTypes.WomenCommittee);
        var unitedFront = Add(organizations, root, "RS-TZ", "党外人士联谊会", OrganizationTypes.UnitedFront);

        var people = new List<DemoPerson>();
        var employee = 0;
        // 169 members over 16 branches: ten or eleven each, the two retiree branches older.
        for (var m = 0; m < 169; m++)
        {
            var branchIndex = m % branches.Count;
            var retired = branchIndex >= 14;
            var birth = RandomDate(today.AddYears(retired ? -88 : -60), today.AddYears(retired ? -61 : -24));
            var probationary = !retired && _random.NextDouble() < 0.06;
            var joined = RandomDate(birth.AddYears(20), probationary ? today.AddMonths(-2) : Min(today.AddYears(-1), birth.AddYears(45)));
            people.Add(Person(branches[branchIndex].Id, birth, probationary ? "probationary" : "full_member", joined, ++employee));
        }
        foreach (var (status, count) in new[] { ("candidate", 4), ("activist", 6), ("applicant", 8) })
            for (var i = 0; i < count; i++)
            {
                var branch = branches[_random.Next(14)];
                people.Add(Person(branch.Id, RandomDate(today.AddYears(-35), today.AddYears(-22)), status, null, ++employee));
            }
        // United-front contacts: staff outside the party (民主党派成员, 无党派人士, 党外知识分子 …).
        for (var i = 0; i < 6; i++)
            people.Add(Person(unitedFront.Id, RandomDate(today.AddYears(-58), today.AddYears(-30)), "non_member", null, ++employee));
        return (organizations, people);
    }

    private DemoOrganization Add(List<DemoOrganization> list, DemoOrganization? parent, string code, string name, string type)
    {
        var id = NewId();
        var label = id.ToString("N");
        var organization = new DemoOrganization(id, parent?.Id, code, name, type, parent is null ? label : $"{parent.Path}.{label}");
        list.Add(organization);
        return organization;
    }

    private DemoPerson Person(Guid organizationId, DateOnly birth, string status, DateOnly? joined, int employee)
    {
        var male = _random.NextDouble() < 0.56;
        var given = male ? MaleGiven : FemaleGiven;
        var name = Surnames[_random.Next(Surnames.Length)] + given[_random.Next(given.Length)]
                   + (_random.NextDouble() < 0.7 ? given[_random.Next(given.Length)].ToString() : "");
        string idNumber;
        do
        {
            // The sequence's last digit is odd for men and even for women (GB 11643).
            var sequence = _random.Next(0, 50) * 20 + _random.Next(0, 5) * 2 + (male ? 1 : 0);
            idNumber = IdNumber.Compose(AddressCodes[_random.Next(AddressCodes.Length)], birth, sequence % 1000);
        } while (!_idNumbers.Add(idNumber));
        var ethnicity = _random.NextDouble() < 0.9 ? "01" : MinorityCodes[_random.Next(MinorityCodes.Length)];
        return new DemoPerson(NewId(), organizationId, name, male ? '1' : '2', birth, ethnicity,
            EducationCodes[_random.Next(EducationCodes.Length)], idNumber, status, joined, $"E{employee:0000}");
    }

    private DateOnly RandomDate(DateOnly from, DateOnly to) =>
        from.AddDays(_random.Next(Math.Max(1, to.DayNumber - from.DayNumber)));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private Guid NewId() => SeededGuid(_random);

    /// <summary>A GUID in version 4 layout drawn from <paramref name="random"/>: reproducible from the seed.</summary>
    internal static Guid SeededGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        return new Guid(bytes);
    }
}
