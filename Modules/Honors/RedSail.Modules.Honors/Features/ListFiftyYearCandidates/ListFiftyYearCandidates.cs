using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;

namespace RedSail.Modules.Honors.Features.ListFiftyYearCandidates;

/// <summary>
/// The 光荣在党50年 candidates of a year in the caller's scope: full members on the rolls whose party age reaches 50 years by
/// 1 July (<see cref="PartyAge"/>) and who hold no 光荣在党50年 honour yet (approved or awaiting approval), oldest party age first.
/// </summary>
internal sealed record ListFiftyYearCandidates(int? Year, Guid? OrganizationId) : IQuery<FiftyYearCandidates>;

internal sealed record FiftyYearCandidates(int Year, DateOnly PresentationDay, IReadOnlyList<FiftyYearCandidate> Items);

internal sealed class FiftyYearCandidate
{
    public Guid PersonId { get; init; }
    public string Name { get; init; } = "";
    public string Gender { get; init; } = "";
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public DateOnly? JoinedOn { get; init; }
    public DateOnly? ConvertedOn { get; init; }
    public DateOnly PartyAgeFrom { get; set; }
    public DateOnly FiftyYearsOn { get; set; }
    /// <summary>A proposal is waiting for the committee (it keeps the member off next year's list too).</summary>
    public bool Proposed { get; init; }
}

internal sealed class ListFiftyYearCandidatesHandler(HonorsDb db, RequestContext context, IClock clock)
    : IRequestHandler<ListFiftyYearCandidates, FiftyYearCandidates>
{
    public async Task<FiftyYearCandidates> Handle(ListFiftyYearCandidates q, CancellationToken cancellationToken)
    {
        var year = q.Year ?? clock.Today.Year;
        // The SQL keeps everyone who might qualify (either date early enough); PartyAge decides, so the rule lives in one place.
        var rows = await db.QueryAsync<FiftyYearCandidate>($"""
            select p.id as person_id, p.name, p.gender, p.organization_id, o.name as organization_name, p.joined_on, p.converted_on,
                   exists (select 1 from honors.honour h where h.person_id = p.id and h.type = @type and h.status = 'pending') as proposed
            from honors.person p join honors.organization o on o.id = p.organization_id
            where {HonorsScope.Within("o")} and p.party_status = 'full_member' and p.relation <> 'transferred_out'
              and (p.converted_on <= @latest or (p.converted_on is null and p.joined_on <= @latest))
              and (@organizationId::uuid is null or o.path <@ (select path from honors.organization where id = @organizationId))
              and not exists (select 1 from honors.honour h where h.person_id = p.id and h.type = @type and h.status = 'approved')
            """, HonorsScope.Parameters(context, HonorsPermissions.Read,
                new { type = HonourTypes.FiftyYearsInParty, latest = PartyAge.LatestPossibleDate(year), q.OrganizationId }), cancellationToken);
        var candidates = rows.Where(p => PartyAge.ReachesFiftyYearsBy(year, p.ConvertedOn, p.JoinedOn)).ToList();
        foreach (var candidate in candidates)
        {
            candidate.PartyAgeFrom = PartyAge.StartsOn(candidate.ConvertedOn, candidate.JoinedOn)!.Value;
            candidate.FiftyYearsOn = candidate.PartyAgeFrom.AddYears(PartyAge.Years);
        }
        return new FiftyYearCandidates(year, PartyAge.PresentationDay(year),
            candidates.OrderBy(c => c.PartyAgeFrom).ThenBy(c => c.Name, StringComparer.Ordinal).ToList());
    }
}

internal static class ListFiftyYearCandidatesEndpoint
{
    public static void MapListFiftyYearCandidates(this IEndpointRouteBuilder api) =>
        api.MapGet("/fifty-years/candidates", (int? year, Guid? organizationId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListFiftyYearCandidates(year, organizationId), ct))
            .WithName("ListFiftyYearCandidates").WithSummary("“光荣在党50年”纪念章人选：党龄（自转正之日起）至当年7月1日满50年、尚未颁发的正式党员")
            .RequirePermission(HonorsPermissions.Read);
}
