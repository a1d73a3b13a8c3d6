using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;

namespace RedSail.Modules.Honors.Features.ListNominationRounds;

/// <summary>The nomination rounds, latest first, with whether they are open today and the caller's nominations in each.</summary>
internal sealed record ListNominationRounds : IQuery<IReadOnlyList<RoundView>>;

internal sealed class RoundView
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string HonourType { get; init; } = "";
    public string HonourLevel { get; init; } = "";
    public string ConferringBody { get; init; } = "";
    public DateOnly OpensOn { get; init; }
    public DateOnly ClosesOn { get; init; }
    public int QuotaPerBranch { get; init; }
    public bool IsOpen { get; init; }
    /// <summary>Nominations in the caller's scope.</summary>
    public int Nominations { get; init; }
    public int Selected { get; init; }
}

internal sealed class ListNominationRoundsHandler(HonorsDb db, RequestContext context, IClock clock) : IRequestHandler<ListNominationRounds, IReadOnlyList<RoundView>>
{
    public Task<IReadOnlyList<RoundView>> Handle(ListNominationRounds request, CancellationToken cancellationToken) =>
        db.QueryAsync<RoundView>($"""
            select r.id, r.title, r.type as honour_type, r.level as honour_level, r.conferring_body, r.opens_on, r.closes_on, r.quota_per_branch,
                   @today between r.opens_on and r.closes_on as is_open,
                   count(n.id)::int as nominations, count(n.id) filter (where n.result = 'selected')::int as selected
            from honors.nomination_round r
            left join (honors.nomination n join honors.organization o on o.id = n.organization_id and {HonorsScope.Within("o")}) on n.round_id = r.id
            group by r.id order by r.closes_on desc, r.id limit 100
            """, HonorsScope.Parameters(context, HonorsPermissions.Read, new { today = clock.Today }), cancellationToken);
}

internal static class ListNominationRoundsEndpoint
{
    public static void MapListNominationRounds(this IEndpointRouteBuilder api) =>
        api.MapGet("/rounds", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListNominationRounds(), ct))
            .WithName("ListNominationRounds").WithSummary("评选列表：时间窗口、名额、推荐与评选结果数")
            .RequirePermission(HonorsPermissions.Read);
}
