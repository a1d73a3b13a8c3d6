namespace RedSail.Testing;

/// <summary>Information-set import files built in the tests: entries under the set template's Chinese headers (身份证号 first).</summary>
public static class RecordSheets
{
    /// <summary>
    /// Row <paramref name="i"/> of a generated family file: the spouse 王秀英{i} of the person with that ID number, codes as
    /// names on even rows and as codes on odd ones.
    /// </summary>
    public static Dictionary<string, object?> FamilyRow(int i, string idNumber)
    {
        var named = i % 2 == 0;
        return new Dictionary<string, object?>
        {
            ["身份证号"] = idNumber, ["与本人关系"] = named ? "配偶" : "10", ["家庭成员姓名"] = $"王秀英{i}", ["出生年份"] = 1960 + i % 40,
            ["政治面貌"] = named ? "群众" : "13", ["工作单位及职务"] = $"北京市第{i}医院",
        };
    }

    /// <summary>A degree of the person with that ID number: 大学本科毕业, 学士, 全日制, at <paramref name="school"/> from 2000-09-01 to 2004-07-01.</summary>
    public static Dictionary<string, object?> EducationRow(string idNumber, string school = "北京大学") => new()
    {
        ["身份证号"] = idNumber, ["学历"] = "大学本科毕业", ["学位"] = "学士", ["毕业院校"] = school, ["专业"] = "地质学", ["学习形式"] = "全日制",
        ["开始日期"] = "2000-09-01", ["结束日期"] = "2004-07-01",
    };

    /// <summary>The rows as the first sheet of an xlsx workbook, named after the set as the template names it.</summary>
    public static byte[] Xlsx(IEnumerable<Dictionary<string, object?>> rows, string sheetName = "家庭成员") => PeopleSheets.Xlsx(rows, sheetName);
}
