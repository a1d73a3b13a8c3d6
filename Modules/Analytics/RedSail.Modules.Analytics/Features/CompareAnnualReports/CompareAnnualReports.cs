using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Features.GetAnnualReport;

namespace RedSail.Modules.Analytics.Features.CompareAnnualReports;

/// <summary>
/// The annual statistics of year Y beside year Y−1 (each read as GetAnnualReport reads it: the December snapshot, or today's
/// figures for the running year), with the differences, and the cross-check that the change in members between the two
/// year-ends is explained by the flows recorded in year Y: end(Y) − end(Y−1) = admitted + transferred in − losses (all
/// reasons, transfers out included). Conversions move people between full and probationary and leave the total alone.
/// A difference means members changed without a recorded flow (recorded directly on the register, an import rolled back)
/// or Y−1 was not kept at its year-end (<see cref="AnnualComparison.PreviousFromSnapshot"/> false: no December snapshot).
/// </summary>
internal sealed record CompareAnnualReports(int Year, Guid? OrganizationId) : IQuery<AnnualComparison>;

internal sealed record AnnualComparison(int Year, DateOnly AsOf, bool FromSnapshot, DateOnly PreviousAsOf, bool PreviousFromSnapshot,
    IReadOnlyList<ComparedTable> Tables, IReadOnlyList<CrossCheck> Checks, FlowExplanation Explanation);

/// <summary>A table's columns (the union of both years', e.g. an organisation type that exists in one year only) with both years' figures.</summary>
internal sealed record ComparedTable(string Key, IReadOnlyList<ReportGroup> Groups, IReadOnlyList<decimal> Values, IReadOnlyList<decimal> Previous,
    IReadOnlyList<decimal> Differences);

/// <summary>The change in members between the year-ends and the year's flows that explain it.</summary>
internal sealed record FlowExplanation(long MembersAtEnd, long MembersAtPreviousEnd, long Change, long Admitted, long TransferredIn, long Losses,
    long Unexplained);

internal sealed class CompareAnnualReportsValidator : IValidator<CompareAnnualReports>
{
    public void Validate(CompareAnnualReports q, ValidationErrors errors) => errors.Between("year", q.Year, 1922, 2100);
}

internal sealed class CompareAnnualReportsHandler(IMediator mediator) : IRequestHandler<CompareAnnualReports, AnnualComparison>
{
    public async Task<AnnualComparison> Handle(CompareAnnualReports q, CancellationToken cancellationToken)
    {
        var current = await mediator.Send(new GetAnnualReport.GetAnnualReport(q.Year, q.OrganizationId), cancellationToken);
        var previous = await mediator.Send(new GetAnnualReport.GetAnnualReport(q.Year - 1, q.OrganizationId), cancellationToken);
        var tables = current.Tables.Select(t => Compare(t, previous.Tables.SingleOrDefault(p => p.Key == t.Key))).ToList();

        long Figure(AnnualReport report, string table, string column) => (long)Value(report.Tables.Single(t => t.Key == table), column);
        var end = Figure(current, "members", "members");
        var previousEnd = Figure(previous, "members", "members");
        var admitted = Figure(current, "changes", "admitted");
        var transferredIn = Figure(current, "changes", "transferred_in");
        var losses = (long)Value(current.Tables.Single(t => t.Key == "changes"), "losses", "total");
        var explanation = new FlowExplanation(end, previousEnd, end - previousEnd, admitted, transferredIn, losses, end - previousEnd - (admitted + transferredIn - losses));
        return new AnnualComparison(q.Year, current.AsOf, current.FromSnapshot, previous.AsOf, previous.FromSnapshot, tables,
            [.. current.Checks, new CrossCheck("members_change_by_flows", end - previousEnd, admitted + transferredIn - losses)], explanation);
    }

    /// <summary>Columns by (group, column): the current year's in its order, then any only the previous year had.</summary>
    private static ComparedTable Compare(ReportTable current, ReportTable? previous)
    {
        var groups = current.Groups.Select(g => (g.Key, Columns: g.Columns.ToList())).ToList();
        foreach (var group in previous?.Groups ?? [])
        {
            var index = groups.FindIndex(g => g.Key == group.Key);
            if (index < 0) groups.Add((group.Key, group.Columns.ToList()));
            else groups[index].Columns.AddRange(group.Columns.Where(c => !groups[index].Columns.Contains(c)));
        }
        var cells = groups.SelectMany(g => g.Columns.Select(c => (Group: g.Key, Column: c))).ToList();
        var values = cells.Select(c => Value(current, c.Group, c.Column)).ToList();
        var before = cells.Select(c => previous is null ? 0 : Value(previous, c.Group, c.Column)).ToList();
        return new ComparedTable(current.Key, groups.Select(g => new ReportGroup(g.Key, g.Columns)).ToList(), values, before,
            values.Zip(before, (a, b) => a - b).ToList());
    }

    /// <summary>A table's figure by its column (the first group that has it), or by group and column; 0 when absent.</summary>
    private static decimal Value(ReportTable table, string column) => Value(table, table.Groups.FirstOrDefault(g => g.Columns.Contains(column))?.Key, column);

    private static decimal Value(ReportTable table, string? group, string column)
    {
        var at = 0;
        foreach (var g in table.Groups)
        {
            var index = g.Key == group ? g.Columns.ToList().IndexOf(column) : -1;
            if (index >= 0) return table.Values[at + index];
            at += g.Columns.Count;
        }
        return 0;
    }
}

/// <summary>The comparison as xlsx: per table, the merged headers of the report and three rows (year Y, year Y−1, difference); then the checks.</summary>
internal static class AnnualComparisonWorkbook
{
    public static byte[] Write(AnnualComparison comparison, MessageCatalog messages)
    {
        var book = new MergedSheetWriter();
        var subtitle = messages.Get("analytics.report.compared", comparison.AsOf.ToString("yyyy-MM-dd"), comparison.PreviousAsOf.ToString("yyyy-MM-dd"));
        foreach (var table in comparison.Tables)
        {
            var sheet = AnnualReportWorkbook.TableSheet(book, messages, table.Key, table.Groups, subtitle);
            sheet.Rows.Add([messages.Get("analytics.report.year", comparison.Year), .. table.Values.Cast<object?>()]);
            sheet.Rows.Add([messages.Get("analytics.report.year", comparison.Year - 1), .. table.Previous.Cast<object?>()]);
            sheet.Rows.Add([messages.Get("analytics.report.difference"), .. table.Differences.Cast<object?>()]);
        }
        AnnualReportWorkbook.ChecksSheet(book, messages, comparison.Checks);
        return book.ToArray();
    }
}

internal static class CompareAnnualReportsEndpoint
{
    public static void MapCompareAnnualReports(this IEndpointRouteBuilder api)
    {
        api.MapGet("/annual-report/comparison", (int? year, Guid? organizationId, IMediator mediator, IClock clock, CancellationToken ct) =>
                mediator.Send(new CompareAnnualReports(year ?? clock.Today.Year - 1, organizationId), ct))
            .WithName("CompareAnnualReports").WithSummary("党内统计年报两年对比：本年与上年各表并列、增减，及“年末差额 = 本年记录的增减”校验")
            .RequirePermission(AnalyticsPermissions.Read);
        api.MapGet("/annual-report/comparison/xlsx", async (int? year, Guid? organizationId, IMediator mediator, IClock clock, MessageCatalog messages,
                CancellationToken ct) =>
            {
                var comparison = await mediator.Send(new CompareAnnualReports(year ?? clock.Today.Year - 1, organizationId), ct);
                return Results.File(AnnualComparisonWorkbook.Write(comparison, messages), Spreadsheet.ContentType, $"annual-report-{comparison.Year}-vs-{comparison.Year - 1}.xlsx");
            })
            .WithName("DownloadAnnualComparison").WithSummary("党内统计年报两年对比 Excel：表头合并单元格，本年、上年、增减三行，附校验结果")
            .RequirePermission(AnalyticsPermissions.Read);
    }
}
