using MiniExcelLibs;
using RedSail.BuildingBlocks.Audit;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Rules;
using static RedSail.BuildingBlocks.Web.Spreadsheet;

namespace RedSail.Modules.Workflow.Features.GetRemittanceSummary;

/// <summary>
/// 党费上缴汇总: what a subtree collected in a period (payments by their date, months <see cref="FromMonth"/>–<see cref="ToMonth"/>),
/// per branch — dues and voluntary payments — and the total to remit upward. Voluntary one-off payments of at least the rule
/// set's threshold (¥1000) are listed apart: they go wholly to the Centre (全额上缴中央).
/// </summary>
internal sealed record GetRemittanceSummary(Guid OrganizationId, DateOnly FromMonth, DateOnly ToMonth) : IQuery<RemittanceSummary>;

internal sealed record RemittanceSummary(DateOnly FromMonth, DateOnly ToMonth, decimal CentreThreshold, IReadOnlyList<RemittanceBranch> Branches,
    IReadOnlyList<CentreOneOff> CentreOneOffs, decimal DuesTotal, decimal VoluntaryTotal, decimal CentreTotal, decimal TotalToRemit);

/// <summary>A branch's collection: dues payments, voluntary payments below the threshold, and how many members paid.</summary>
internal sealed class RemittanceBranch
{
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public int Payers { get; init; }
    public decimal Dues { get; init; }
    public decimal Voluntary { get; init; }
    public decimal Total => Dues + Voluntary;
}

internal sealed class CentreOneOff
{
    public Guid PersonId { get; init; }
    public string PersonName { get; init; } = "";
    public string OrganizationName { get; init; } = "";
    public decimal Amount { get; init; }
    public DateOnly PaidOn { get; init; }
}

internal sealed class GetRemittanceSummaryValidator : IValidator<GetRemittanceSummary>
{
    public void Validate(GetRemittanceSummary request, ValidationErrors errors)
    {
        if (request.ToMonth < request.FromMonth) errors.Add("toMonth", "workflow.dues.period_invalid");
        else if (DuesCalculation.MonthsBetween(DuesCalculation.MonthOf(request.FromMonth), DuesCalculation.MonthOf(request.ToMonth)) >= 24)
            errors.Add("toMonth", "workflow.dues.period_invalid");
    }
}

/// <remarks>At most one row per branch of the subtree (a committee's branches; the national scale would page them like the report).</remarks>
internal sealed class GetRemittanceSummaryHandler(WorkflowDb db, RequestContext context) : IRequestHandler<GetRemittanceSummary, RemittanceSummary>
{
    public async Task<RemittanceSummary> Handle(GetRemittanceSummary q, CancellationToken cancellationToken)
    {
        var organization = await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Read, q.OrganizationId, cancellationToken);
        var from = DuesCalculation.MonthOf(q.FromMonth);
        var to = DuesCalculation.MonthOf(q.ToMonth);
        var threshold = (await RuleBook.LoadAsync(db, cancellationToken)).At(to).Dues.CentreOneOffThreshold;
        using var grid = await db.QueryMultipleAsync("""
            with paid as (
                select y.* from workflow.dues_payment y join workflow.organization o on o.id = y.organization_id
                where o.path <@ @path::ltree and y.paid_on >= @from and y.paid_on < (@to::date + interval '1 month'))
            select o.id as organization_id, o.name as organization_name, count(distinct paid.person_id)::int as payers,
                   coalesce(sum(paid.amount) filter (where paid.kind = 'dues'), 0) as dues,
                   coalesce(sum(paid.amount) filter (where paid.kind = 'voluntary' and paid.amount < @threshold), 0) as voluntary
            from paid join workflow.organization o on o.id = paid.organization_id
            group by o.id, o.name, o.path order by o.path;
            select y.person_id, p.name as person_name, o.name as organization_name, y.amount, y.paid_on
            from workflow.dues_payment y join workflow.organization o on o.id = y.organization_id join workflow.person p on p.id = y.person_id
            where o.path <@ @path::ltree and y.paid_on >= @from and y.paid_on < (@to::date + interval '1 month')
              and y.kind = 'voluntary' and y.amount >= @threshold
            order by y.paid_on, p.name;
            """, new { path = organization.Path, from, to, threshold }, cancellationToken);
        var branches = (await grid.ReadAsync<RemittanceBranch>()).ToList();
        var oneOffs = (await grid.ReadAsync<CentreOneOff>()).ToList();
        var dues = branches.Sum(b => b.Dues);
        var voluntary = branches.Sum(b => b.Voluntary);
        var centre = oneOffs.Sum(o => o.Amount);
        return new RemittanceSummary(from, to, threshold, branches, oneOffs, dues, voluntary, centre, dues + voluntary + centre);
    }
}

internal static class GetRemittanceSummaryEndpoint
{
    public static void MapGetRemittanceSummary(this IEndpointRouteBuilder api)
    {
        api.MapGet("/dues/remittance", (Guid organizationId, DateOnly fromMonth, DateOnly toMonth, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetRemittanceSummary(organizationId, fromMonth, toMonth), ct))
            .WithName("GetRemittanceSummary").WithSummary("党费上缴汇总：期间内各支部收缴合计与应上缴总额；一次性缴纳大额党费单列（全额上缴中央）")
            .RequirePermission(WorkflowPermissions.Read);

        api.MapGet("/dues/remittance/export", async (Guid organizationId, DateOnly fromMonth, DateOnly toMonth, IMediator mediator, AuditTrail audit,
                RequestContext context, CancellationToken ct) =>
            {
                var summary = await mediator.Send(new GetRemittanceSummary(organizationId, fromMonth, toMonth), ct);
                using var stream = new MemoryStream();
                await stream.SaveAsAsync(new Dictionary<string, object>
                {
                    ["上缴汇总"] = Summary(summary),
                    ["一次性大额党费"] = summary.CentreOneOffs.Select(o => new Dictionary<string, object?>
                    {
                        ["姓名"] = Cell(o.PersonName), ["组织"] = Cell(o.OrganizationName), ["金额（元）"] = o.Amount, ["缴纳日期"] = o.PaidOn.ToString("yyyy-MM-dd"),
                    }).ToList(),
                }, excelType: ExcelType.XLSX, cancellationToken: ct);
                await audit.RecordAsync(context, new AuditEntry("workflow.dues.remittance.export", AuditResult.Success, "organization",
                    organizationId.ToString(), organizationId.ToString(), $"branches={summary.Branches.Count}"), ct);
                return Results.File(stream.ToArray(), Spreadsheet.ContentType, $"dues-remittance-{summary.FromMonth:yyyyMM}-{summary.ToMonth:yyyyMM}.xlsx");
            })
            .WithName("ExportRemittanceSummary").WithSummary("导出党费上缴汇总（Excel）")
            .RequirePermission(WorkflowPermissions.Read);
    }

    private static List<Dictionary<string, object?>> Summary(RemittanceSummary s)
    {
        var rows = s.Branches.Select(b => Row(b.OrganizationName, b.Payers, b.Dues, b.Voluntary, b.Total)).ToList();
        rows.Add(Row("一次性大额党费（全额上缴中央）", s.CentreOneOffs.Count, 0m, s.CentreTotal, s.CentreTotal));
        rows.Add(Row("合计应上缴", null, s.DuesTotal, s.VoluntaryTotal + s.CentreTotal, s.TotalToRemit));
        return rows;
    }

    private static Dictionary<string, object?> Row(string name, int? payers, decimal dues, decimal voluntary, decimal total) => new()
    {
        ["组织"] = Cell(name), ["缴纳人数"] = payers, ["党费（元）"] = dues, ["自愿多交（元）"] = voluntary, ["合计（元）"] = total,
    };
}
