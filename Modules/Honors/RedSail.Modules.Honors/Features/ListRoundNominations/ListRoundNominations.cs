using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;

namespace RedSail.Modules.Honors.Features.ListRoundNominations;

/// <summary>A round's nominations in the caller's scope, by branch, with the results.</summary>
internal sealed record ListRoundNominations(Guid RoundId) : IQuery<IReadOnlyList<RoundNomination>>;

internal sealed class RoundNomination
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public Guid? PersonId { get; init; }
    public string? PersonName { get; init; }
    public string Reason { get; init; } = "";
    public string Result { get; init; } = "";
    public string? ResultNote { get; init; }
    public Guid? HonourId { get; init; }
    public long Version { get; init; }
}

internal sealed class ListRoundNominationsHandler(HonorsDb db, RequestContext context) : IRequestHandler<ListRoundNominations, IReadOnlyList<RoundNomination>>
{
    public Task<IReadOnlyList<RoundNomination>> Handle(ListRoundNominations request, CancellationToken cancellationToken) =>
        db.QueryAsync<RoundNomination>($"""
            select n.id, n.organization_id, o.name as organization_name, n.person_id, p.name as person_name, n.reason, n.result, n.result_note,
                   n.honour_id, n.version
            from honors.nomination n join honors.organization o on o.id = n.organization_id left join honors.person p on p.id = n.person_id
            where n.round_id = @RoundId and {HonorsScope.Within("o")} order by o.path, p.name, n.id
            """, HonorsScope.Parameters(context, HonorsPermissions.Read, request), cancellationToken);
}

internal static class ListRoundNominationsEndpoint
{
    public static void MapListRoundNominations(this IEndpointRouteBuilder api) =>
        api.MapGet("/rounds/{id:guid}/nominations", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListRoundNominations(id), ct))
            .WithName("ListRoundNominations").WithSummary("评选的推荐名单及结果")
            .RequirePermission(HonorsPermissions.Read);
}
