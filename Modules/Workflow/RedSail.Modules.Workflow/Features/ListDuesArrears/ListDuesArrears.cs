using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.ListDuesArrears;

/// <summary>Members of a subtree with past months not paid in full, most months first: how many, how much, since when.</summary>
internal sealed record ListDuesArrears(Guid OrganizationId, int Page = 1, int PageSize = 20) : IQuery<Paged<DuesArrearsView>>;

internal class DuesArrearsView
{
    public Guid PersonId { get; init; }
    public string Name { get; init; } = "";
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public int Months { get; init; }
    public decimal Amount { get; init; }
    public DateOnly OldestMonth { get; init; }
}

internal sealed class ListDuesArrearsHandler(WorkflowDb db, RequestContext context, IClock clock) : IRequestHandler<ListDuesArrears, Paged<DuesArrearsView>>
{
    public async Task<Paged<DuesArrearsView>> Handle(ListDuesArrears q, CancellationToken cancellationToken)
    {
        var organization = await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Read, q.OrganizationId, cancellationToken);
        var paging = Paging.Of(q.Page, q.PageSize);
        var rows = await db.QueryAsync<Row>("""
            select p.id as person_id, p.name, o.id as organization_id, o.name as organization_name, a.months, a.amount, a.oldest_month,
                   count(*) over () as total
            from (select d.person_id, count(*)::int as months, sum(d.amount_due - d.reduction - d.paid) as amount, min(d.month) as oldest_month
                  from workflow.dues_month d join workflow.organization od on od.id = d.organization_id
                  where od.path <@ @path::ltree and d.paid < d.amount_due - d.reduction and d.month < @current
                  group by d.person_id) a
            join workflow.person p on p.id = a.person_id
            join workflow.organization o on o.id = p.organization_id
            order by a.months desc, p.name, p.id
            limit @Limit offset @Offset
            """, new { path = organization.Path, current = DuesCalculation.MonthOf(clock.Today), paging.Limit, paging.Offset }, cancellationToken);
        return new Paged<DuesArrearsView>(rows, rows.FirstOrDefault()?.Total ?? 0, paging.Page, paging.PageSize);
    }

    private sealed class Row : DuesArrearsView
    {
        public long Total { get; init; }
    }
}

internal static class ListDuesArrearsEndpoint
{
    public static void MapListDuesArrears(this IEndpointRouteBuilder api) =>
        api.MapGet("/dues/arrears", (Guid organizationId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListDuesArrears(organizationId, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListDuesArrears").WithSummary("欠缴党费的党员（组织及下级；欠缴月数多者在前）")
            .RequirePermission(WorkflowPermissions.Read);
}
