using MiniExcelLibs;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Dues;
using static RedSail.BuildingBlocks.Web.Spreadsheet;

namespace RedSail.Modules.Workflow.Features.DownloadDuesTemplate;

/// <summary>
/// The payroll-base template of a branch: one row per member who owes dues, with the person's id (the payroll has no link to
/// Workflow's roster but this), the name, and the category and base in force now, for the finance office to fill in or
/// correct; a second sheet names the categories. Names are formula-neutralised.
/// </summary>
internal sealed record DownloadDuesTemplate(Guid OrganizationId) : IQuery<IReadOnlyList<DuesTemplateRow>>;

internal sealed class DuesTemplateRow
{
    public Guid PersonId { get; init; }
    public string Name { get; init; } = "";
    public string? Category { get; init; }
    public decimal? Base { get; init; }
}

internal sealed class DownloadDuesTemplateHandler(WorkflowDb db, RequestContext context, IClock clock)
    : IRequestHandler<DownloadDuesTemplate, IReadOnlyList<DuesTemplateRow>>
{
    public async Task<IReadOnlyList<DuesTemplateRow>> Handle(DownloadDuesTemplate request, CancellationToken cancellationToken)
    {
        var branch = await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Write, request.OrganizationId, cancellationToken);
        return await db.QueryAsync<DuesTemplateRow>("""
            select p.id as person_id, p.name, b.category, b.base from workflow.person p
            left join lateral (select category, base from workflow.dues_base b where b.person_id = p.id and b.month <= @month
                               order by b.month desc limit 1) b on true
            where p.organization_id = @organizationId and p.party_status in ('probationary', 'full_member') and p.relation <> 'transferred_out'
            order by p.name, p.id
            """, new { organizationId = branch.Id, month = DuesCalculation.MonthOf(clock.Today) }, cancellationToken);
    }
}

internal static class DownloadDuesTemplateEndpoint
{
    public static void MapDownloadDuesTemplate(this IEndpointRouteBuilder api) =>
        api.MapGet("/dues/base-template", async (Guid organizationId, IMediator mediator, CancellationToken ct) =>
            {
                var rows = await mediator.Send(new DownloadDuesTemplate(organizationId), ct);
                using var stream = new MemoryStream();
                await stream.SaveAsAsync(new Dictionary<string, object>
                {
                    [DuesSheet.SheetName] = rows.Select(r => new Dictionary<string, object?>
                    {
                        [DuesSheet.PersonIdHeader] = r.PersonId.ToString(),
                        [DuesSheet.NameHeader] = Cell(r.Name),
                        [DuesSheet.CategoryHeader] = r.Category is null ? null : DuesSheet.CategoryNames[r.Category],
                        [DuesSheet.BaseHeader] = r.Base,
                    }).ToList(),
                    ["类别说明"] = DuesSheet.CategoryNames.Select(c => new Dictionary<string, object?> { ["代码"] = c.Key, ["党费类别"] = c.Value }).ToList(),
                }, excelType: ExcelType.XLSX, cancellationToken: ct);
                return Results.File(stream.ToArray(), Spreadsheet.ContentType, "dues-bases.xlsx");
            })
            .WithName("DownloadDuesTemplate").WithSummary("下载支部党费基数导入模板（含本支部党员名单与现行基数）")
            .RequirePermission(WorkflowPermissions.Write);
}
