using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.ListNominations;

/// <summary>Nominations of a year in the caller's scope (or one organisation's subtree), by branch.</summary>
internal sealed record ListNominations(int? Year, Guid? OrganizationId, string? Kind, int Page = 1, int PageSize = 20) : IQuery<Paged<NominationView>>;

internal sealed class NominationView
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public int Year { get; init; }
    public string NominationKind { get; init; } = "";
    public Guid? PersonId { get; init; }
    public string? PersonName { get; init; }
    public string NominationReason { get; init; } = "";
    public string NominationResult { get; init; } = "";
    public string? ResultNote { get; init; }
    public long Version { get; init; }
}

internal sealed class ListNominationsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListNominations, Paged<NominationView>>
{
    public async Task<Paged<NominationView>> Handle(ListNominations q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var where = $"""
            {WorkflowScope.Within("o")} and (@year::int is null or n.year = @year) and (@kind::text is null or n.kind = @kind)
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select n.id, n.organization_id, o.name as organization_name, n.year, n.kind as nomination_kind, n.person_id, p.name as person_name,
                   n.reason as nomination_reason, n.result as nomination_result, n.result_note, n.version
            from workflow.nomination n join workflow.organization o on o.id = n.organization_id left join workflow.person p on p.id = n.person_id
            where {where} order by n.year desc, o.path, n.kind, p.name, n.id limit @Limit offset @Offset;
            select count(*) from workflow.nomination n join workflow.organization o on o.id = n.organization_id where {where};
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read),
                new { q.Year, q.OrganizationId, q.Kind, paging.Limit, paging.Offset }), cancellationToken);
        var items = (await grid.ReadAsync<NominationView>()).ToList();
        return new Paged<NominationView>(items, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class ListNominationsEndpoint
{
    public static void MapListNominations(this IEndpointRouteBuilder api) =>
        api.MapGet("/nominations", (int? year, Guid? organizationId, string? kind, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListNominations(year, organizationId, kind, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListNominations").WithSummary("年终评比推荐及结果（先进支部、优秀党员）")
            .RequirePermission(WorkflowPermissions.Read);
}
