using MiniExcelLibs;

namespace RedSail.Testing;

/// <summary>People import files built in the tests: rows under the template's Chinese headers, and the xlsx that holds them.</summary>
public static class PeopleSheets
{
    /// <summary>
    /// Row <paramref name="i"/> of a generated file: a full member born 1960-01-01 plus i days, with a valid ID number of
    /// that region (unique per i); codes as names on even rows, as codes on odd ones.
    /// </summary>
    public static Dictionary<string, object?> Row(int i, string region, string? idNumber = null)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(i);
        var named = i % 2 == 0;
        return new Dictionary<string, object?>
        {
            ["姓名"] = $"导入人员{i}", ["性别"] = named ? "男" : "1", ["民族"] = named ? "汉族" : "01", ["出生日期"] = birth.ToString("yyyy-MM-dd"),
            ["身份证号"] = idNumber ?? IdNumbers.Compose(region, birth, 101), ["籍贯"] = "北京市", ["手机号"] = "13800138000", ["工号"] = null,
            ["部门"] = "研究所", ["学历"] = named ? "大学本科毕业" : "21", ["党籍状态"] = named ? "正式党员" : "full_member",
            ["申请入党日期"] = null, ["确定积极分子日期"] = null, ["确定发展对象日期"] = null, ["入党日期"] = "2010-07-01", ["转正日期"] = "2011-07-01",
        };
    }

    /// <summary>The rows as the first sheet (人员, or another name) of an xlsx workbook.</summary>
    public static byte[] Xlsx(IEnumerable<Dictionary<string, object?>> rows, string sheetName = "人员")
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: sheetName, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
