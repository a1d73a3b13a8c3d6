using System.Text.Json.Serialization;
using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.SelfService;

namespace RedSail.Modules.Personnel.Features.ListChangeProposals;

/// <summary>
/// Members' proposed changes awaiting (or past) a decision, for the people the caller may edit. The ordinary traits are
/// shown as proposed; sensitive ones (phone, health, children) only by name — the approver confirms that they change.
/// </summary>
internal sealed record ListChangeProposals(string? Status, int Page, int PageSize) : IQuery<Paged<ChangeProposalView>>;

internal sealed class ChangeProposalView
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public string PersonName { get; init; } = "";
    public string OrganizationName { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Note { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? DecidedAt { get; init; }
    public string? DecisionReason { get; init; }
    public long Version { get; init; }
    public IReadOnlyDictionary<string, string> Traits { get; set; } = new Dictionary<string, string>();
    public IReadOnlyList<string> SensitiveFields { get; set; } = [];
    [JsonIgnore] public string Proposed { get; init; } = "{}";
    [JsonIgnore] public long Total { get; init; }
}

internal sealed class ListChangeProposalsHandler(PersonnelDb db, RequestContext context) : IRequestHandler<ListChangeProposals, Paged<ChangeProposalView>>
{
    private static readonly string Sql = $"""
        select c.id, c.person_id, p.name as person_name, o.name as organization_name, c.status, c.note, c.created_at, c.decided_at,
               c.decision_reason, c.version, c.proposed::text as proposed, count(*) over () as total
        from personnel.change_proposal c
        join personnel.person p on p.id = c.person_id
        join personnel.organization o on o.id = p.organization_id
        where c.status = @status and {PersonnelScope.WithinPaths("o")}
        order by c.created_at
        limit @Limit offset @Offset
        """;

    public async Task<Paged<ChangeProposalView>> Handle(ListChangeProposals request, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(request.Page, request.PageSize);
        var status = request.Status is "approved" or "rejected" ? request.Status : "pending";
        var parameters = await PersonnelScope.ParametersWithPathsAsync(db, context.Principal.ScopeFor(PersonnelPermissions.Write),
            new { status, paging.Limit, paging.Offset }, cancellationToken);
        var rows = (await db.QueryAsync<ChangeProposalView>(Sql, parameters, cancellationToken)).ToList();
        foreach (var row in rows)
        {
            var proposed = ChangeProposals.Read(row.Proposed);
            row.Traits = proposed.Traits;
            row.SensitiveFields = proposed.SensitiveFields;
        }
        return new Paged<ChangeProposalView>(rows, rows.FirstOrDefault()?.Total ?? 0, paging.Page, paging.PageSize);
    }
}

internal static class ListChangeProposalsEndpoint
{
    public static void MapListChangeProposals(this IEndpointRouteBuilder api) =>
        api.MapGet("/change-proposals", (string? status, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListChangeProposals(status, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListChangeProposals").WithSummary("党员自助变更申请（待审核/已通过/已退回），限本人可管理的组织")
            .RequirePermission(PersonnelPermissions.Write);
}
