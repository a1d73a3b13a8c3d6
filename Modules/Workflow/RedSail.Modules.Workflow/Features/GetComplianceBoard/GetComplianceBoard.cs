using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Compliance;
using RedSail.Modules.Workflow.Features.Rules;

namespace RedSail.Modules.Workflow.Features.GetComplianceBoard;

/// <summary>
/// The compliance board (合规看板): the branches of a subtree × the twelve months of a year, each cell the worst status of what
/// falls due that month with the reasons. A quarterly or yearly quota is judged in its period's last month (yellow there while
/// the period runs). Counted by <see cref="ComplianceSql"/> in one round trip for the whole page of branches.
/// </summary>
internal sealed record GetComplianceBoard(Guid? OrganizationId, int Year, int Page = 1, int PageSize = 50) : IQuery<ComplianceBoard>;

internal sealed record ComplianceBoard(int Year, DateOnly Today, IReadOnlyList<ComplianceBranch> Items, long Total, int Page, int PageSize);

internal sealed record ComplianceBranch(Guid Id, string Name, IReadOnlyList<ComplianceMonth> Months);

/// <summary>One cell: <see cref="Status"/> is the worst of <see cref="Items"/> (<see cref="ComplianceStatus.None"/> when nothing falls due).</summary>
internal sealed record ComplianceMonth(int Month, string Status, IReadOnlyList<ComplianceItem> Items);

/// <summary>One quota of one period: held (counted towards it) against required.</summary>
internal sealed record ComplianceItem(string Type, string Per, DateOnly PeriodStart, DateOnly PeriodEnd, int Held, int Required, string Status);

internal sealed class GetComplianceBoardValidator : IValidator<GetComplianceBoard>
{
    public void Validate(GetComplianceBoard q, ValidationErrors errors) => errors.Between("year", q.Year, 2000, 2100);
}

internal sealed class GetComplianceBoardHandler(WorkflowDb db, RequestContext context, IClock clock) : IRequestHandler<GetComplianceBoard, ComplianceBoard>
{
    public async Task<ComplianceBoard> Handle(GetComplianceBoard q, CancellationToken cancellationToken)
    {
        if (q.OrganizationId is { } organizationId)
            await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Read, organizationId, cancellationToken);
        var rules = await RuleBook.LoadAsync(db, cancellationToken);
        var requirements = MeetingRequirement.Between(d => rules.At(d).Meetings, new DateOnly(q.Year, 1, 1), new DateOnly(q.Year, 12, 31));
        var paging = Paging.Of(q.Page, q.PageSize);
        var branches = $"""
            select b.id, b.name from workflow.organization b
            where b.status = 'active' and {BranchTypes.Sql("b")} and {WorkflowScope.Within("b")}
              and (@organizationId::uuid is null or b.path <@ (select path from workflow.organization where id = @organizationId))
            """;
        const string order = "order by b.name collate \"zh-x-icu\", b.id limit @Limit offset @Offset";
        var parameters = ComplianceSql.Bind(WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read),
            new { q.OrganizationId, paging.Limit, paging.Offset }), requirements);
        using var grid = await db.QueryMultipleAsync($"""
            select count(*) from ({branches}) b;
            {branches} {order};
            {ComplianceSql.Counts(ComplianceSql.RequirementArrays, $"{branches} {order}")};
            """, parameters, cancellationToken);
        var total = await grid.ReadSingleAsync<long>();
        var page = (await grid.ReadAsync<BranchName>()).ToList();
        var counts = (await grid.ReadAsync<Count>()).ToLookup(c => c.BranchId);
        var today = clock.Today;
        return new ComplianceBoard(q.Year, today, page.Select(b => new ComplianceBranch(b.Id, b.Name, Enumerable.Range(1, 12).Select(month =>
        {
            // A quota is judged in its period's last month.
            var items = counts[b.Id].Where(c => c.EndsOn.Month == month)
                .Select(c => new ComplianceItem(c.Type, c.Per, c.StartsOn, c.EndsOn, c.Held, c.Required, ComplianceStatus.Of(c.Held, c.Required, c.StartsOn, c.EndsOn, today)))
                .OrderBy(i => MeetingTypes.All.ToList().IndexOf(i.Type)).ToList();
            return new ComplianceMonth(month, ComplianceStatus.Worst(items.Select(i => i.Status)), items);
        }).ToList())).ToList(), total, paging.Page, paging.PageSize);
    }

    private sealed class BranchName
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    private sealed class Count
    {
        public Guid BranchId { get; init; }
        public string Type { get; init; } = "";
        public string Per { get; init; } = "";
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
        public int Required { get; init; }
        public int Held { get; init; }
    }
}

internal static class GetComplianceBoardEndpoint
{
    public static void MapGetComplianceBoard(this IEndpointRouteBuilder api) =>
        api.MapGet("/compliance", (Guid? organizationId, int? year, int? page, int? pageSize, IMediator mediator, IClock clock, CancellationToken ct) =>
                mediator.Send(new GetComplianceBoard(organizationId, year ?? clock.Today.Year, page ?? 1, pageSize ?? 50), ct))
            .WithName("GetComplianceBoard").WithSummary("组织生活合规看板：各支部 × 12 个月，绿（达标）黄（进行中未达标）红（逾期未达标）及原因")
            .RequirePermission(WorkflowPermissions.Read);
}
