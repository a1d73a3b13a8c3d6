using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Analytics.Access;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Domain;
using RedSail.Modules.Analytics.Features.Statistics;

namespace RedSail.Modules.Analytics.Features.GetAnnualReport;

/// <summary>
/// The annual party statistics (党内统计年报 style) of a subtree at a year-end: members by the national dimensions (occupation included), the year's
/// admissions, conversions, arrivals and losses by reason, organisations by type — each table with its total, and cross
/// checks that the totals agree across tables. Read from the December snapshot (or today's figures for the running year).
/// Tables 7 and 8, 民主评议党员 grades and training, count the year's facts per organisation (<see cref="ReviewAndTrainingTables"/>).
/// </summary>
internal sealed record GetAnnualReport(int Year, Guid? OrganizationId) : IQuery<AnnualReport>;

internal sealed record AnnualReport(int Year, DateOnly AsOf, bool FromSnapshot, IReadOnlyList<ReportTable> Tables, IReadOnlyList<CrossCheck> Checks);

/// <summary>
/// A table: column groups (a group header over its columns, merged in the xlsx) and one row of figures for the whole subtree;
/// some tables add a row per organisation under it (<see cref="Rows"/>). Figures are counts, or hours (one decimal).
/// </summary>
internal sealed record ReportTable(string Key, IReadOnlyList<ReportGroup> Groups, IReadOnlyList<decimal> Values, IReadOnlyList<ReportRow>? Rows = null);

/// <summary>One organisation's figures in a table's columns.</summary>
internal sealed record ReportRow(Guid OrganizationId, string Name, IReadOnlyList<decimal> Values);

internal sealed record ReportGroup(string Key, IReadOnlyList<string> Columns);

/// <summary>Two figures that must be equal, e.g. the members of table 1 and the sum of its age bands.</summary>
internal sealed record CrossCheck(string Key, long Expected, long Actual)
{
    public bool Passed => Expected == Actual;
}

internal sealed class GetAnnualReportValidator : IValidator<GetAnnualReport>
{
    public void Validate(GetAnnualReport q, ValidationErrors errors) => errors.Between("year", q.Year, 1921, 2100);
}

internal sealed class GetAnnualReportHandler(AnalyticsDb db, RequestContext context, IClock clock) : IRequestHandler<GetAnnualReport, AnnualReport>
{
    public static readonly string[] Losses = ["deceased", "removed", "expelled", "withdrawn", "lapsed", "suspended", "probation_cancelled", "transferred_out"];

    public async Task<AnnualReport> Handle(GetAnnualReport q, CancellationToken cancellationToken)
    {
        var roots = await AnalyticsScope.RootsAsync(db, context, q.OrganizationId, cancellationToken);
        var counts = await SubtreeCounts.LoadAsync(db, roots, new DateOnly(q.Year, 12, 31), clock.Today, cancellationToken);
        var asOf = counts.AsOf;
        var members = counts.Members;

        var byAge = Bands.Age.Select(b => b.Key).ToDictionary(k => k, _ => 0L);
        var byGender = new Dictionary<string, long>();
        foreach (var (bucket, count) in counts.Of("gender_birth"))
        {
            var gender = bucket[..bucket.IndexOf('|')];
            byGender[gender] = byGender.GetValueOrDefault(gender) + count;
            if (Bands.BandOf(Bands.Age, Bands.YearsAt(bucket[(bucket.IndexOf('|') + 1)..], asOf)) is { } band) byAge[band] += count;
        }
        var ethnicity = counts.Of("ethnicity");
        var minorities = ethnicity.Where(e => e.Key != "01").Sum(e => e.Value);
        var education = Bands.EducationGroups.Select(g => counts.Count("education", g)).ToList();
        var periods = counts.Of("joined").Where(j => j.Key != "none").GroupBy(j => Bands.PeriodOf(j.Key)).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
        var joinedUnknown = counts.Count("joined", "none");
        long Flow(string kind) => counts.Count("flow", $"{kind}|{q.Year}");
        var losses = Losses.Select(l => Flow("loss:" + l)).ToList();
        var organizationTypes = counts.Of("org_type").Where(o => o.Value != 0).OrderBy(o => o.Key).ToList();

        var tables = new List<ReportTable>
        {
            new("members", [
                    new("total", ["members", "full_member", "probationary"]),
                    new("gender", ["female", "male"]),
                    new("ethnicity", ["minority"]),
                    new("age", Bands.Age.Select(b => b.Key).ToList()),
                ],
                [members, counts.Count("status", "full_member"), counts.Count("status", "probationary"), byGender.GetValueOrDefault("2"),
                 byGender.GetValueOrDefault("1"), minorities, .. Bands.Age.Select(b => byAge[b.Key])]),
            new("education", [new("total", ["members"]), new("education", Bands.EducationGroups.ToList())], [members, .. education]),
            new("joining", [new("total", ["members"]), new("period", [.. Bands.JoiningPeriod.Select(p => p.Key), "none"])],
                [members, .. Bands.JoiningPeriod.Select(p => periods.GetValueOrDefault(p.Key)), joinedUnknown]),
            new("changes", [new("gains", ["admitted", "converted", "transferred_in"]), new("losses", ["total", .. Losses])],
                [Flow("admitted"), Flow("converted"), Flow("transferred_in"), losses.Sum(), .. losses]),
            new("organizations", [new("total", ["organizations"]), new("type", organizationTypes.Select(o => o.Key).ToList())],
                [organizationTypes.Sum(o => o.Value), .. organizationTypes.Select(o => o.Value)]),
            new("occupation", [new("total", ["members"]), new("occupation", PeopleBands.Occupations.Select(o => "occupation_" + o).ToList())],
                [members, .. PeopleBands.Occupations.Select(o => counts.Count("occupation", o))]),
        };
        var checks = new List<CrossCheck>
        {
            new("members_by_status", members, counts.Count("status", "full_member") + counts.Count("status", "probationary")),
            new("members_by_gender", members, byGender.Values.Sum()),
            new("members_by_age", members, byAge.Values.Sum()),
            new("members_by_education", members, education.Sum()),
            new("members_by_joining_period", members, periods.Values.Sum() + joinedUnknown),
            new("members_by_ethnicity", members, ethnicity.Values.Sum()),
            new("members_by_occupation", members, PeopleBands.Occupations.Sum(o => counts.Count("occupation", o))),
            new("losses_by_reason", (long)tables.Single(t => t.Key == "changes").Values[3], losses.Sum()),
        };
        var (reviews, trainings) = await ReviewAndTrainingTables.LoadAsync(db, roots, q.Year, cancellationToken);
        tables.AddRange([reviews, trainings]);
        checks.AddRange(ReviewAndTrainingTables.Checks(reviews, trainings));
        return new AnnualReport(q.Year, asOf, counts.FromSnapshot, tables, checks);
    }
}

/// <summary>The report as xlsx: one sheet per table with its group headers merged over their columns, and a sheet of the checks.</summary>
internal static class AnnualReportWorkbook
{
    public static byte[] Write(AnnualReport report, MessageCatalog messages)
    {
        var book = new MergedSheetWriter();
        foreach (var table in report.Tables)
        {
            var sheet = TableSheet(book, messages, table.Key, table.Groups, messages.Get("analytics.report.as_of", report.AsOf.ToString("yyyy-MM-dd")));
            sheet.Rows.Add([messages.Get("analytics.report.figures"), .. table.Values.Cast<object?>()]);
            foreach (var row in table.Rows ?? []) sheet.Rows.Add([row.Name, .. row.Values.Cast<object?>()]);
        }
        ChecksSheet(book, messages, report.Checks);
        return book.ToArray();
    }

    /// <summary>A table's sheet with its title row and two header rows: the group headers merged over their columns, the item column merged down.</summary>
    public static MergedSheetWriter.Sheet TableSheet(MergedSheetWriter book, MessageCatalog messages, string key, IReadOnlyList<ReportGroup> groups, string subtitle)
    {
        var sheet = book.Add(messages.Get($"analytics.report.table.{key}"));
        sheet.Rows.Add([messages.Get($"analytics.report.table.{key}") + " " + subtitle]);
        var columns = groups.Sum(g => g.Columns.Count);
        sheet.Merge(0, 0, 1, columns + 1);
        sheet.Rows.Add([messages.Get("analytics.report.item"), .. groups.SelectMany(g => g.Columns.Select((_, i) => i == 0 ? Label(messages, key, g.Key) : null))]);
        sheet.Rows.Add([null, .. groups.SelectMany(g => g.Columns.Select(c => Label(messages, key, c)))]);
        sheet.Merge(1, 0, 2, 1);
        var at = 1;
        foreach (var group in groups)
        {
            if (group.Columns.Count > 1) sheet.Merge(1, at, 1, group.Columns.Count);
            at += group.Columns.Count;
        }
        sheet.BoldRows.UnionWith([0, 1, 2]);
        return sheet;
    }

    public static void ChecksSheet(MergedSheetWriter book, MessageCatalog messages, IEnumerable<CrossCheck> checks)
    {
        var sheet = book.Add(messages.Get("analytics.report.checks"));
        sheet.Rows.Add([messages.Get("analytics.report.check"), messages.Get("analytics.report.expected"), messages.Get("analytics.report.actual"),
            messages.Get("analytics.report.result")]);
        sheet.BoldRows.Add(0);
        foreach (var check in checks)
            sheet.Rows.Add([messages.Get($"analytics.report.check.{check.Key}"), check.Expected, check.Actual,
                messages.Get(check.Passed ? "analytics.report.passed" : "analytics.report.failed")]);
    }

    /// <summary>Codes with a national name (organisation types, statuses) take it; the report's own headings come from its keys.</summary>
    private static string Label(MessageCatalog messages, string table, string key) =>
        table == "organizations" && key != "total" && key != "organizations" ? messages.Get($"org_type.{key}") : messages.Get($"analytics.report.column.{key}");
}

internal static class GetAnnualReportEndpoint
{
    public static void MapGetAnnualReport(this IEndpointRouteBuilder api)
    {
        api.MapGet("/annual-report", (int? year, Guid? organizationId, IMediator mediator, IClock clock, CancellationToken ct) =>
                mediator.Send(new GetAnnualReport(year ?? clock.Today.Year - 1, organizationId), ct))
            .WithName("GetAnnualReport").WithSummary("党内统计年报（某年末）：党员构成、入党时期、增减情况、组织类型及表间校验")
            .RequirePermission(AnalyticsPermissions.Read);
        api.MapGet("/annual-report/xlsx", async (int? year, Guid? organizationId, IMediator mediator, IClock clock, MessageCatalog messages, CancellationToken ct) =>
            {
                var report = await mediator.Send(new GetAnnualReport(year ?? clock.Today.Year - 1, organizationId), ct);
                return Results.File(AnnualReportWorkbook.Write(report, messages), Spreadsheet.ContentType, $"annual-report-{report.Year}.xlsx");
            })
            .WithName("DownloadAnnualReport").WithSummary("党内统计年报 Excel：表头合并单元格，附表间校验结果")
            .RequirePermission(AnalyticsPermissions.Read);
    }
}
