using System.Collections.Concurrent;
using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.DownloadRecordsTemplate;

/// <summary>
/// The import template of one information set (<c>?set=education|family|…</c>): the set's sheet with 身份证号 and the set's
/// Chinese column headers and no rows, and the 代码说明 sheet of its code fields. Holds no data, so each is built once.
/// </summary>
internal static class DownloadRecordsTemplateEndpoint
{
    private static readonly ConcurrentDictionary<string, byte[]> Templates = new();

    public static void MapDownloadRecordsTemplate(this IEndpointRouteBuilder api) =>
        api.MapGet("/records/import-template", (string? set, MessageCatalog messages) =>
            {
                var errors = new ValidationErrors();
                if (RecordsSheet.ImportableSet(set, errors) is not { } found)
                    throw new ValidationFailedException(errors.All) { Scope = PersonnelModule.Schema };
                return Results.File(Templates.GetOrAdd(found.Kind, _ => RecordsSheet.Template(found, messages)), Spreadsheet.ContentType,
                    $"{found.Kind}-import-template.xlsx");
            })
            .WithName("DownloadRecordsTemplate").WithSummary("下载信息集导入模板（Excel：身份证号＋该信息集各项，含代码说明）")
            .RequirePermission(PersonnelPermissions.Write);
}
