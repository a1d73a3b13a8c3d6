using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.GetDuesLedger;

/// <summary>
/// The dues ledger of a branch for a year: its members (paged, by name) × 12 months, each cell what was due (after any
/// reduction), what was paid and whether it is in arrears (a past month not paid in full); and the branch's totals per month
/// over all its members. Two queries whatever the page size.
/// </summary>
internal sealed record GetDuesLedger(Guid OrganizationId, int Year, int Page = 1, int PageSize = 50) : IQuery<DuesLedger>;

internal sealed record DuesLedger(Guid OrganizationId, string OrganizationName, int Year, DateOnly CurrentMonth, IReadOnlyList<LedgerMember> Items,
    long Total, int Page, int PageSize, IReadOnlyList<LedgerMonthTotal> Months);

internal sealed record LedgerMember(Guid PersonId, string Name, string PartyStatus, string? Category, decimal? Base, IReadOnlyList<LedgerCell> Cells,
    decimal Due, decimal Paid, decimal Arrears, int ArrearsMonths);

/// <summary>
/// One month of a member: <c>status</c> is none (nothing due: before joining, no base), paid, partial, due (the current or a
/// future month, not yet paid) or arrears (a past month not paid in full).
/// </summary>
internal sealed record LedgerCell(DateOnly Month, decimal? Due, decimal? Paid, decimal? Reduction, string Status, long? Version);

internal sealed record LedgerMonthTotal(DateOnly Month, int Members, decimal Due, decimal Paid, int Owing);

internal sealed class GetDuesLedgerValidator : IValidator<GetDuesLedger>
{
    public void Validate(GetDuesLedger request, ValidationErrors errors) => errors.Between("year", request.Year, 2000, 2100);
}

internal sealed class GetDuesLedgerHandler(WorkflowDb db, RequestContext context, IClock clock) : IRequestHandler<GetDuesLedger, DuesLedger>
{
    public async Task<DuesLedger> Handle(GetDuesLedger q, CancellationToken cancellationToken)
    {
        var branch = await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Read, q.OrganizationId, cancellationToken);
        var paging = Paging.Of(q.Page, q.PageSize);
        var from = new DateOnly(q.Year, 1, 1);
        var to = new DateOnly(q.Year, 12, 1);
        var current = DuesCalculation.MonthOf(clock.Today);
        // The roster: members who owe dues now, and anyone with a month of the year here (left since, or status changed).
        // A UNION of the two index lookups: "… or exists (…)" over workflow.person read every person in the system.
        using var grid = await db.QueryMultipleAsync("""
            with roster_ids as (
                select p.id from workflow.person p
                where p.organization_id = @organizationId and p.party_status in ('probationary', 'full_member') and p.relation <> 'transferred_out'
                union
                select d.person_id from workflow.dues_month d where d.organization_id = @organizationId and d.month between @from and @to),
            roster as (select p.id, p.name, p.party_status from workflow.person p join roster_ids r on r.id = p.id)
            select r.id as person_id, r.name, r.party_status, b.category, b.base, count(*) over () as total
            from roster r
            left join lateral (select category, base from workflow.dues_base b where b.person_id = r.id and b.month <= @current
                               order by b.month desc limit 1) b on true
            order by r.name, r.id
            limit @Limit offset @Offset;
            select d.month, count(*)::int as members, sum(d.amount_due - d.reduction) as due, sum(d.paid) as paid,
                   count(*) filter (where d.paid < d.amount_due - d.reduction)::int as owing
            from workflow.dues_month d where d.organization_id = @organizationId and d.month between @from and @to
            group by d.month order by d.month;
            """, new { organizationId = branch.Id, from, to, current, paging.Limit, paging.Offset }, cancellationToken);
        var members = (await grid.ReadAsync<MemberRow>()).ToList();
        var totals = (await grid.ReadAsync<LedgerMonthTotal>()).ToList();
        var cells = (await db.QueryAsync<CellRow>("""
            select person_id, month, amount_due, reduction, paid, version from workflow.dues_month
            where person_id = any(@people) and month between @from and @to
            """, new { people = members.Select(m => m.PersonId).ToArray(), from, to }, cancellationToken))
            .ToLookup(c => c.PersonId);

        var items = members.Select(m =>
        {
            var byMonth = cells[m.PersonId].ToDictionary(c => c.Month);
            var row = Enumerable.Range(1, 12).Select(i => Cell(new DateOnly(q.Year, i, 1), byMonth.GetValueOrDefault(new DateOnly(q.Year, i, 1)), current)).ToList();
            var arrears = row.Where(c => c.Status is "arrears").ToList();
            return new LedgerMember(m.PersonId, m.Name, m.PartyStatus, m.Category, m.Base, row, row.Sum(c => c.Due ?? 0m), row.Sum(c => c.Paid ?? 0m),
                arrears.Sum(c => c.Due!.Value - c.Paid!.Value), arrears.Count);
        }).ToList();
        return new DuesLedger(branch.Id, branch.Name, q.Year, current, items, members.FirstOrDefault()?.Total ?? 0, paging.Page, paging.PageSize, totals);
    }

    private static LedgerCell Cell(DateOnly month, CellRow? row, DateOnly current)
    {
        if (row is null) return new LedgerCell(month, null, null, null, "none", null);
        var due = row.AmountDue - row.Reduction;
        var status = row.Paid >= due ? "paid" : row.Paid > 0m ? (month < current ? "arrears" : "partial") : month < current ? "arrears" : "due";
        return new LedgerCell(month, due, row.Paid, row.Reduction, status, row.Version);
    }

    private sealed class MemberRow
    {
        public Guid PersonId { get; init; }
        public string Name { get; init; } = "";
        public string PartyStatus { get; init; } = "";
        public string? Category { get; init; }
        public decimal? Base { get; init; }
        public long Total { get; init; }
    }

    private sealed class CellRow
    {
        public Guid PersonId { get; init; }
        public DateOnly Month { get; init; }
        public decimal AmountDue { get; init; }
        public decimal Reduction { get; init; }
        public decimal Paid { get; init; }
        public long Version { get; init; }
    }
}

internal static class GetDuesLedgerEndpoint
{
    public static void MapGetDuesLedger(this IEndpointRouteBuilder api) =>
        api.MapGet("/dues/ledger", (Guid organizationId, int? year, int? page, int? pageSize, IMediator mediator, IClock clock, CancellationToken ct) =>
                mediator.Send(new GetDuesLedger(organizationId, year ?? clock.Today.Year, page ?? 1, pageSize ?? 50), ct))
            .WithName("GetDuesLedger").WithSummary("党费台账：支部党员 × 全年各月的应缴、实缴与欠缴（按党员分页）")
            .RequirePermission(WorkflowPermissions.Read);
}
