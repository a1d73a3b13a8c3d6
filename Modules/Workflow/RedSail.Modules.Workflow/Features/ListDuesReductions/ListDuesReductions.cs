using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.ListDuesReductions;

/// <summary>Hardship requests of a subtree (pending first), with whether the caller may decide each.</summary>
internal sealed record ListDuesReductions(Guid OrganizationId, string? Status, int Page = 1, int PageSize = 20) : IQuery<Paged<DuesReductionView>>;

internal sealed class DuesReductionView
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public string PersonName { get; init; } = "";
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public DateOnly FromMonth { get; init; }
    public DateOnly ToMonth { get; init; }
    public bool Exempt { get; init; }
    public decimal? MonthlyAmount { get; init; }
    public string Reason { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTime RequestedAt { get; init; }
    public DateTime? DecidedAt { get; init; }
    public string? DecisionNote { get; init; }
    public bool MayDecide { get; init; }
    public long Version { get; init; }
}

internal sealed class ListDuesReductionsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListDuesReductions, Paged<DuesReductionView>>
{
    public async Task<Paged<DuesReductionView>> Handle(ListDuesReductions q, CancellationToken cancellationToken)
    {
        var organization = await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Read, q.OrganizationId, cancellationToken);
        var paging = Paging.Of(q.Page, q.PageSize);
        var parameters = WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read),
            new { path = organization.Path, q.Status, paging.Limit, paging.Offset, userId = context.Principal.UserId });
        // May decide: write scope over the deciding organisation, and not the requester (DecideDuesReduction checks it again).
        var write = context.Principal.ScopeFor(WorkflowPermissions.Write);
        parameters.Add("writeEverywhere", write.IsGlobal);
        parameters.Add("writeRoots", write.OrganizationIds);
        const string where = "o.path <@ @path::ltree and (@status::text is null or r.status = @status)";
        using var grid = await db.QueryMultipleAsync($"""
            select r.id, r.person_id, p.name as person_name, r.organization_id, o.name as organization_name, r.from_month, r.to_month, r.exempt,
                   r.monthly_amount, r.reason, r.status, r.requested_at, r.decided_at, r.decision_note, r.version,
                   r.status = 'pending' and r.requested_by is distinct from @userId
                   and (@writeEverywhere or exists (select 1 from workflow.organization d join workflow.organization w on w.id = any(@writeRoots)
                                                     where d.id = r.deciding_organization_id and d.path <@ w.path)) as may_decide
            from workflow.dues_reduction r
            join workflow.organization o on o.id = r.organization_id
            join workflow.person p on p.id = r.person_id
            where {where} and {WorkflowScope.Within("o")}
            order by r.status <> 'pending', r.requested_at desc, r.id
            limit @Limit offset @Offset;
            select count(*) from workflow.dues_reduction r join workflow.organization o on o.id = r.organization_id where {where} and {WorkflowScope.Within("o")};
            """, parameters, cancellationToken);
        var items = (await grid.ReadAsync<DuesReductionView>()).ToList();
        return new Paged<DuesReductionView>(items, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class ListDuesReductionsEndpoint
{
    public static void MapListDuesReductions(this IEndpointRouteBuilder api) =>
        api.MapGet("/dues/reductions", (Guid organizationId, string? status, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListDuesReductions(organizationId, status, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListDuesReductions").WithSummary("党费减免申请（组织及下级；待审批在前）")
            .RequirePermission(WorkflowPermissions.Read);
}
