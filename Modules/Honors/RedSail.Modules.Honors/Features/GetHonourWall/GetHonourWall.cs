using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;

namespace RedSail.Modules.Honors.Features.GetHonourWall;

/// <summary>
/// The portal's honour wall: the most recent approved honours at ministerial/provincial level or higher and the serving
/// representatives, newest first, in the caller's scope.
/// </summary>
internal sealed record GetHonourWall(int Limit) : IQuery<HonourWall>;

internal sealed record HonourWall(IReadOnlyList<WallItem> Items);

internal sealed class WallItem
{
    /// <summary>honour | representative</summary>
    public string Kind { get; init; } = "";
    public Guid Id { get; init; }
    public string HolderName { get; init; } = "";
    public string OrganizationName { get; init; } = "";
    public string Title { get; init; } = "";
    /// <summary>An honour's level code (HonourLevels), or a representative's kind and level (party_congress:national).</summary>
    public string Level { get; init; } = "";
    public DateOnly Date { get; init; }
    public bool HasCertificate { get; init; }
}

internal sealed class GetHonourWallHandler(HonorsDb db, RequestContext context) : IRequestHandler<GetHonourWall, HonourWall>
{
    public const int MaxLimit = 50;

    public async Task<HonourWall> Handle(GetHonourWall request, CancellationToken cancellationToken)
    {
        var items = await db.QueryAsync<WallItem>($"""
            (select 'honour' as kind, h.id, coalesce(p.name, o.name) as holder_name, o.name as organization_name, h.title, h.level, h.awarded_on as date,
                    exists (select 1 from honors.certificate c where c.honour_id = h.id) as has_certificate
             from honors.honour h join honors.organization o on o.id = h.organization_id left join honors.person p on p.id = h.person_id
             where h.status = 'approved' and h.level = any(@levels) and {HonorsScope.Within("o")}
             order by h.awarded_on desc, h.id limit @limit)
            union all
            (select 'representative', r.id, p.name, o.name, r.body, r.kind || ':' || r.level, r.term_starts_on, false
             from honors.representative r join honors.person p on p.id = r.person_id join honors.organization o on o.id = p.organization_id
             where r.status = 'serving' and {HonorsScope.Within("o")}
             order by r.term_starts_on desc, r.id limit @limit)
            order by date desc, kind, id limit @limit
            """, HonorsScope.Parameters(context, HonorsPermissions.Read,
                new { levels = HonourLevels.AtLeast(HonourLevels.MinisterialProvincial), limit = Math.Clamp(request.Limit, 1, MaxLimit) }),
            cancellationToken);
        return new HonourWall(items);
    }
}

internal static class GetHonourWallEndpoint
{
    public static void MapGetHonourWall(this IEndpointRouteBuilder api) =>
        api.MapGet("/wall", (int? limit, IMediator mediator, CancellationToken ct) => mediator.Send(new GetHonourWall(limit ?? 12), ct))
            .WithName("GetHonourWall").WithSummary("门户荣誉墙：最近的省部级及以上荣誉与在任代表委员")
            .RequirePermission(HonorsPermissions.Read);
}
