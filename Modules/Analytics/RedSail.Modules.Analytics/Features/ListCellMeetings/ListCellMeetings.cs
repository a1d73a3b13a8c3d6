using RedSail.Modules.Analytics.Access;
using RedSail.Modules.Analytics.Contracts;

namespace RedSail.Modules.Analytics.Features.ListCellMeetings;

/// <summary>
/// The meetings behind one heat-map cell: those of the branch (and its party groups) of a type judged in that month, held in the
/// quota's period (a quarterly 党课 judged in March lists January–March's). Removed meetings are left out, like in the counts.
/// </summary>
internal sealed record ListCellMeetings(Guid BranchId, int Year, int Month) : IQuery<IReadOnlyList<CellMeeting>>;

internal sealed record CellMeeting(Guid MeetingId, Guid OrganizationId, string OrganizationName, string Type, DateOnly HeldOn, int Expected, int Present,
    bool? QuorumMet, DateTimeOffset RecordedAt);

internal sealed class ListCellMeetingsValidator : IValidator<ListCellMeetings>
{
    public void Validate(ListCellMeetings q, ValidationErrors errors) => errors.Between("year", q.Year, 2000, 2100).Between("month", q.Month, 1, 12);
}

internal sealed class ListCellMeetingsHandler(AnalyticsDb db, RequestContext context) : IRequestHandler<ListCellMeetings, IReadOnlyList<CellMeeting>>
{
    public async Task<IReadOnlyList<CellMeeting>> Handle(ListCellMeetings q, CancellationToken cancellationToken)
    {
        await AnalyticsScope.RootsAsync(db, context, q.BranchId, cancellationToken);
        var rows = await db.QueryAsync<Row>("""
            select distinct m.meeting_id, m.organization_id, coalesce(o.name, '') as organization_name, m.type, m.held_on, m.expected, m.present,
                   m.quorum_met, m.recorded_at
            from analytics.meeting_quota q
            join analytics.meeting m on m.branch_id = q.branch_id and m.type = q.type and m.held_on between q.starts_on and q.ends_on and not m.removed
            left join analytics.organization o on o.id = m.organization_id
            where q.branch_id = @branchId and q.year = @year and extract(month from q.ends_on) = @month
            order by m.held_on, m.type, m.meeting_id
            """, new { branchId = q.BranchId, year = q.Year, month = q.Month }, cancellationToken);
        return rows.Select(r => new CellMeeting(r.MeetingId, r.OrganizationId, r.OrganizationName, r.Type, r.HeldOn, r.Expected, r.Present, r.QuorumMet,
            new DateTimeOffset(DateTime.SpecifyKind(r.RecordedAt, DateTimeKind.Utc)))).ToList();
    }

    private sealed class Row
    {
        public Guid MeetingId { get; init; }
        public Guid OrganizationId { get; init; }
        public string OrganizationName { get; init; } = "";
        public string Type { get; init; } = "";
        public DateOnly HeldOn { get; init; }
        public int Expected { get; init; }
        public int Present { get; init; }
        public bool? QuorumMet { get; init; }
        public DateTime RecordedAt { get; init; }
    }
}

internal static class ListCellMeetingsEndpoint
{
    public static void MapListCellMeetings(this IEndpointRouteBuilder api) =>
        api.MapGet("/compliance/meetings", (Guid branchId, int year, int month, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListCellMeetings(branchId, year, month), ct))
            .WithName("ListAnalyticsCellMeetings").WithSummary("热力图钻取：某支部某月所判定定额背后的会议")
            .RequirePermission(AnalyticsPermissions.Read);
}
