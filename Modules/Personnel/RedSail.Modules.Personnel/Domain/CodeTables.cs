namespace RedSail.Modules.Personnel.Domain;

/// <summary>National code tables (shared/DOMAIN.md §3). Codes are stored; names are for display and import.</summary>
internal static class CodeTables
{
    /// <summary>GB/T 2261.1-2003 sex.</summary>
    public static readonly IReadOnlyDictionary<string, string> Gender = new Dictionary<string, string>
    {
        ["0"] = "未知的性别", ["1"] = "男", ["2"] = "女", ["9"] = "未说明的性别",
    };

    /// <summary>GB 3304-1991 ethnic groups (56), plus 97 其他 and 98 外国血统中国籍人士.</summary>
    public static readonly IReadOnlyDictionary<string, string> Ethnicity = Numbered(
        "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 " +
        "佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 " +
        "普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族",
        ("97", "其他"), ("98", "外国血统中国籍人士"));

    /// <summary>GB/T 4658-2006 education (学历); the tens are the groups (10 研究生教育 … 90 其他).</summary>
    public static readonly IReadOnlyDictionary<string, string> Education = new Dictionary<string, string>
    {
        ["10"] = "研究生教育", ["11"] = "博士研究生毕业", ["12"] = "博士研究生结业", ["13"] = "博士研究生肄业",
        ["14"] = "硕士研究生毕业", ["15"] = "硕士研究生结业", ["16"] = "硕士研究生肄业",
        ["17"] = "研究生班毕业", ["18"] = "研究生班结业", ["19"] = "研究生班肄业",
        ["20"] = "大学本科教育", ["21"] = "大学本科毕业", ["22"] = "大学本科结业", ["23"] = "大学本科肄业", ["28"] = "大学普通班毕业",
        ["30"] = "大学专科教育", ["31"] = "大学专科毕业", ["32"] = "大学专科结业", ["33"] = "大学专科肄业",
        ["40"] = "中等职业教育", ["41"] = "中等专科毕业", ["42"] = "中等专科结业", ["43"] = "中等专科肄业",
        ["44"] = "职业高中毕业", ["45"] = "职业高中结业", ["46"] = "职业高中肄业", ["47"] = "技工学校毕业", ["48"] = "技工学校结业", ["49"] = "技工学校肄业",
        ["60"] = "普通高级中学教育", ["61"] = "普通高中毕业", ["62"] = "普通高中结业", ["63"] = "普通高中肄业",
        ["70"] = "初级中学教育", ["71"] = "初中毕业", ["73"] = "初中肄业", ["80"] = "小学教育", ["81"] = "小学毕业", ["83"] = "小学肄业",
        ["90"] = "其他",
    };

    /// <summary>Party status (党籍) codes of <see cref="Domain.PartyStatus"/> and their Chinese names.</summary>
    public static readonly IReadOnlyDictionary<string, string> PartyStatus = new Dictionary<string, string>
    {
        [Domain.PartyStatus.NonMember] = "群众", [Domain.PartyStatus.Applicant] = "入党申请人", [Domain.PartyStatus.Activist] = "入党积极分子",
        [Domain.PartyStatus.Candidate] = "发展对象", [Domain.PartyStatus.Probationary] = "预备党员", [Domain.PartyStatus.FullMember] = "正式党员",
        [Domain.PartyStatus.Suspended] = "停止党籍", [Domain.PartyStatus.Deceased] = "死亡", [Domain.PartyStatus.Removed] = "除名",
        [Domain.PartyStatus.Expelled] = "开除党籍", [Domain.PartyStatus.Withdrawn] = "退党", [Domain.PartyStatus.Lapsed] = "自行脱党",
    };

    private static Dictionary<string, string> Numbered(string names, params (string Code, string Name)[] extra)
    {
        var table = names.Split(' ').Select((name, i) => (Code: (i + 1).ToString("00"), Name: name)).ToDictionary(e => e.Code, e => e.Name);
        foreach (var (code, name) in extra) table[code] = name;
        return table;
    }
}
