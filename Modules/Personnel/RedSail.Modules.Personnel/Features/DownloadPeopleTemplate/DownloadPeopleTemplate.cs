using System.Data;
using MiniExcelLibs;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.DownloadPeopleTemplate;

/// <summary>
/// The import template: the 人员 sheet with the Chinese column headers and no rows, and the 代码说明 sheet listing
/// the code tables (a cell may hold the code or the name). Holds no data, so it is built once.
/// </summary>
internal static class DownloadPeopleTemplateEndpoint
{
    private static readonly Lazy<byte[]> Template = new(Build);

    public static void MapDownloadPeopleTemplate(this IEndpointRouteBuilder api) =>
        api.MapGet("/people/import-template", () => Results.File(Template.Value, Spreadsheet.ContentType, "people-import-template.xlsx"))
            .WithName("DownloadPeopleTemplate").WithSummary("下载人员导入模板（Excel，含代码说明）")
            .RequirePermission(PersonnelPermissions.Write);

    private static byte[] Build()
    {
        var people = new DataTable(PeopleSheet.DataSheet);
        foreach (var (_, header) in PeopleSheet.Columns) people.Columns.Add(header, typeof(string));
        var codes = PeopleSheet.CodedColumns.SelectMany(c => c.Table.Select(e => new Dictionary<string, object?>
        {
            ["字段"] = c.Header, ["代码"] = e.Key, ["名称"] = e.Value,
        })).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [PeopleSheet.DataSheet] = people, [PeopleSheet.CodeSheet] = codes }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
