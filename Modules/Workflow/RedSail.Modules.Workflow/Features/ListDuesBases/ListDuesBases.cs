using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Rules;

namespace RedSail.Modules.Workflow.Features.ListDuesBases;

/// <summary>
/// A branch's members who owe dues with the base and category in force in a month (default: the current one) and what
/// they make the member owe there (rate and amount, computed with that month's rule set), by name, paged.
/// </summary>
internal sealed record ListDuesBases(Guid OrganizationId, DateOnly? DuesMonth, int Page = 1, int PageSize = 50) : IQuery<Paged<DuesBaseView>>;

internal sealed record DuesBaseView(Guid PersonId, string Name, string PartyStatus, DateOnly? JoinedOn, DateOnly? BaseFrom, string? Category,
    decimal? Base, string? Source, decimal? RatePercent, decimal? AmountDue, long? Version);

internal sealed class ListDuesBasesHandler(WorkflowDb db, RequestContext context, IClock clock) : IRequestHandler<ListDuesBases, Paged<DuesBaseView>>
{
    public async Task<Paged<DuesBaseView>> Handle(ListDuesBases q, CancellationToken cancellationToken)
    {
        var branch = await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Read, q.OrganizationId, cancellationToken);
        var paging = Paging.Of(q.Page, q.PageSize);
        var month = DuesCalculation.MonthOf(q.DuesMonth ?? clock.Today);
        var rows = await db.QueryAsync<Row>("""
            select p.id as person_id, p.name, p.party_status, p.joined_on, b.month as base_from, b.category, b.base, b.source, b.version,
                   count(*) over () as total
            from workflow.person p
            left join lateral (select month, category, base, source, version from workflow.dues_base b
                               where b.person_id = p.id and b.month <= @month order by b.month desc limit 1) b on true
            where p.organization_id = @organizationId and p.party_status in ('probationary', 'full_member') and p.relation <> 'transferred_out'
            order by p.name, p.id
            limit @Limit offset @Offset
            """, new { organizationId = branch.Id, month, paging.Limit, paging.Offset }, cancellationToken);
        var rules = (await RuleBook.LoadAsync(db, cancellationToken)).At(month).Dues;
        return new Paged<DuesBaseView>(rows.Select(r =>
        {
            var due = r.Category is null || r.Base is null ? null : DuesCalculation.Due(rules, r.Category, r.Base.Value);
            return new DuesBaseView(r.PersonId, r.Name, r.PartyStatus, r.JoinedOn, r.BaseFrom, r.Category, r.Base, r.Source, due?.RatePercent, due?.Amount,
                r.Version);
        }).ToList(), rows.FirstOrDefault()?.Total ?? 0, paging.Page, paging.PageSize);
    }

    private sealed class Row
    {
        public Guid PersonId { get; init; }
        public string Name { get; init; } = "";
        public string PartyStatus { get; init; } = "";
        public DateOnly? JoinedOn { get; init; }
        public DateOnly? BaseFrom { get; init; }
        public string? Category { get; init; }
        public decimal? Base { get; init; }
        public string? Source { get; init; }
        public long? Version { get; init; }
        public long Total { get; init; }
    }
}

internal static class ListDuesBasesEndpoint
{
    public static void MapListDuesBases(this IEndpointRouteBuilder api) =>
        api.MapGet("/dues/bases", (Guid organizationId, DateOnly? duesMonth, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListDuesBases(organizationId, duesMonth, page ?? 1, pageSize ?? 50), ct))
            .WithName("ListDuesBases").WithSummary("支部党员的党费类别、计缴基数及按现行标准计算的比例与月缴金额")
            .RequirePermission(WorkflowPermissions.Read);
}
