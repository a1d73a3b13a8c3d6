using MiniExcelLibs;
using RedSail.Modules.Analytics.Contracts;
using static RedSail.BuildingBlocks.Web.Spreadsheet;

namespace RedSail.Modules.Analytics.Features.ExportChart;

/// <summary>
/// The data behind a chart, as the page shows it (labels in the reader's language), written to an xlsx sheet. The page has
/// the figures already (GetDashboard, in the caller's scope); the server only writes them, formula-neutralised.
/// </summary>
internal sealed record ChartData(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows);

internal static class ExportChartEndpoint
{
    private const int MaxRows = 10_000;

    public static void MapExportChart(this IEndpointRouteBuilder api) =>
        api.MapPost("/export", async (ChartData chart, CancellationToken ct) =>
            {
                // JSON binding leaves missing lists null whatever the record says (the access matrix's empty body was a 500).
                if (chart.Columns is null || chart.Rows is null || chart.Rows.Any(r => r is null))
                    throw new ValidationFailedException([new FieldError(chart.Columns is null ? "columns" : "rows", "validation.required", [])]);
                if (chart.Rows.Count > MaxRows || chart.Columns.Count is 0 or > 50)
                    throw new RuleViolationException("export_too_large", "analytics.export_too_large", MaxRows);
                var rows = chart.Rows.Select(r => (IDictionary<string, object?>)chart.Columns
                    .Select((c, i) => (Key: Cell(c) ?? $"#{i}", Value: Number(i < r.Count ? r[i] : null)))
                    .DistinctBy(c => c.Key).ToDictionary(c => c.Key, c => c.Value));
                var stream = new MemoryStream();
                await stream.SaveAsAsync(rows, sheetName: Sheet(chart.Title), excelType: ExcelType.XLSX, cancellationToken: ct);
                stream.Position = 0;
                return Results.File(stream, ContentType, "chart.xlsx");
            })
            .WithName("ExportAnalyticsChart").WithSummary("导出图表数据为 Excel（页面所示的行与列）")
            .RequirePermission(AnalyticsPermissions.Read);

    /// <summary>Counts stay numbers in the sheet (sums and charts work on them); anything else is neutralised text.</summary>
    private static object? Number(string? value) => long.TryParse(value, out var n) ? n : decimal.TryParse(value, out var d) ? d : Cell(value);

    /// <summary>A sheet name: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string Sheet(string? title)
    {
        var clean = new string((title ?? "").Where(c => !":\\/?*[]".Contains(c)).ToArray()).Trim();
        return clean.Length == 0 ? "data" : clean[..Math.Min(31, clean.Length)];
    }
}
