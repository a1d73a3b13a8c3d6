namespace RedSail.Modules.Personnel.Domain;

/// <summary>One code of a table used by the information sets, with its Chinese and English names.</summary>
internal sealed record Code(string Value, string Zh, string En);

/// <summary>
/// The code tables of the information sets (shared/DOMAIN.md §3). National standards where one exists (GB/T 4762
/// political status, GB/T 4761 family relation, GB/T 6864 degree); the institute's practice elsewhere.
/// </summary>
internal static class SetCodeTables
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Code>> All = new Dictionary<string, IReadOnlyList<Code>>
    {
        // GB/T 4762-1984 政治面貌
        ["political_status"] =
        [
            new("01", "中共党员", "CPC member"), new("02", "中共预备党员", "CPC probationary member"), new("03", "共青团员", "Youth League member"),
            new("04", "民革党员", "RCCK member"), new("05", "民盟盟员", "CDL member"), new("06", "民建会员", "CNDCA member"),
            new("07", "民进会员", "CAPD member"), new("08", "农工党党员", "CPWDP member"), new("09", "致公党党员", "CZGP member"),
            new("10", "九三学社社员", "Jiusan Society member"), new("11", "台盟盟员", "TDSGL member"), new("12", "无党派人士", "Non-party personage"),
            new("13", "群众", "Masses"),
        ],
        // GB/T 4761-2008 家庭关系 (main classes)
        ["family_relation"] =
        [
            new("10", "配偶", "Spouse"), new("20", "子", "Son"), new("30", "女", "Daughter"), new("51", "父亲", "Father"),
            new("52", "母亲", "Mother"), new("70", "兄弟姐妹", "Sibling"), new("99", "其他", "Other"),
        ],
        // GB/T 6864-2003 学位 (levels)
        ["degree"] = [new("2", "博士", "Doctorate"), new("3", "硕士", "Master's"), new("4", "学士", "Bachelor's"), new("0", "无", "None")],
        // 专业技术职务等级
        ["title_level"] =
        [
            new("1", "正高级", "Senior (full)"), new("2", "副高级", "Senior (associate)"), new("3", "中级", "Intermediate"),
            new("4", "初级", "Junior"), new("5", "员级", "Assistant"),
        ],
        // The national statistics' occupations of party members (shared/DOMAIN.md §10, 党内统计 "职业", 8 groups)
        ["occupation"] =
        [
            new("1", "工人", "Worker"), new("2", "农牧渔民", "Farmer, herdsman or fisherman"), new("3", "专业技术人员", "Professional or technician"),
            new("4", "企事业单位管理人员", "Manager in an enterprise or institution"), new("5", "党政机关工作人员", "Party or government staff"),
            new("6", "学生", "Student"), new("7", "离退休人员", "Retired"), new("8", "其他职业人员", "Other occupation"),
        ],
        ["study_mode"] = [new("full_time", "全日制", "Full-time"), new("part_time", "在职", "Part-time")],
        ["reward_kind"] = [new("reward", "奖励", "Reward"), new("punishment", "惩处", "Punishment")],
        ["honor_level"] =
        [
            new("national", "国家级", "National"), new("provincial", "省部级", "Ministerial / provincial"), new("bureau", "厅局级", "Bureau"),
            new("institute", "院所级", "Institute"), new("other", "其他", "Other"),
        ],
        ["care_category"] =
        [
            new("living", "生活困难", "Living hardship"), new("health", "身体健康", "Health"), new("children", "子女教育", "Children's education"),
            new("housing", "住房", "Housing"), new("work", "工作发展", "Work and career"), new("elderly", "赡养老人", "Caring for parents"),
            new("other", "其他", "Other"),
        ],
        ["care_status"] = [new("open", "待回应", "Open"), new("answered", "已回应", "Answered"), new("closed", "已办结", "Closed")],
        // shared/DOMAIN.md §3: the 12 united-front categories
        ["united_front_category"] =
        [
            new("01", "民主党派成员", "Democratic party member"), new("02", "无党派人士", "Non-party personage"),
            new("03", "党外知识分子", "Non-party intellectual"), new("04", "少数民族人士", "Ethnic minority figure"),
            new("05", "宗教界人士", "Religious figure"), new("06", "非公有制经济人士", "Non-public economy figure"),
            new("07", "新的社会阶层人士", "New social strata"), new("08", "出国和归国留学人员", "Studying or studied abroad"),
            new("09", "港澳同胞", "Hong Kong or Macao compatriot"), new("10", "台湾同胞及其在大陆亲属", "Taiwan compatriot or mainland relative"),
            new("11", "华侨、归侨、侨眷", "Overseas Chinese, returnee or relative"), new("12", "其他需要联系和团结的人员", "Others to unite with"),
        ],
        // The eight democratic parties, coded as in GB/T 4762
        ["democratic_party"] =
        [
            new("04", "民革", "RCCK"), new("05", "民盟", "CDL"), new("06", "民建", "CNDCA"), new("07", "民进", "CAPD"),
            new("08", "农工党", "CPWDP"), new("09", "致公党", "CZGP"), new("10", "九三学社", "Jiusan Society"), new("11", "台盟", "TDSGL"),
        ],
        ["education"] = CodeTables.Education.Select(e => new Code(e.Key, e.Value, e.Value)).ToList(),
    };

    public static bool Contains(string table, string value) => All.TryGetValue(table, out var codes) && codes.Any(c => c.Value == value);
}
