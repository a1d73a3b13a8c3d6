using RedSail.Modules.Analytics.Access;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Domain;
using RedSail.Modules.Analytics.Features.GetDuesCollection;

namespace RedSail.Modules.Analytics.Features.GetUsageBoard;

/// <summary>
/// 应用情况公示: how well each branch of a subtree (default: the caller's scope) uses the system in a quarter, from the facts
/// Analytics already keeps (docs/adr/0017-analytics-read-models.md, "Usage board"). Per branch (a party group counts for its
/// branch): meetings held in the quarter; the share of them recorded within <c>RecordedWithinDays</c> days of the day held
/// (Beijing time); the share of members due who paid on time over the quarter's dues months; the share of its members whose
/// gender, birth date, ethnicity, education and joining date are all filled; the accounts scoped to the branch or its party
/// groups that signed in during the quarter (Beijing time, from the platform's <c>UserSignedIn</c>) and their sign-ins. The
/// sign-in share is signed-in accounts ÷ the branch's members, capped at 1: it asks how much of the branch uses the system, so
/// a branch where only the secretary signs in scores low (a share of "accounts that ever signed in" would give 100 % to any
/// branch with one active account). Score = the mean of the four shares, equal weights, a share with nothing to count (no
/// meeting, no member due, no member) counting as 0; rank 1 = highest score.
/// </summary>
internal sealed record GetUsageBoard(Guid? OrganizationId, int Year, int Quarter, int RecordedWithinDays = 7) : IQuery<UsageBoard>;

internal sealed record UsageBoard(int Year, int Quarter, int RecordedWithinDays, IReadOnlyList<UsageBoardBranch> Items);

internal sealed record UsageBoardBranch(int Rank, Guid Id, string Name, int MeetingsHeld, int MeetingsRecordedInTime, decimal? RecordedInTimeRate,
    int MembersDue, int MembersPaidOnTime, decimal? PaidOnTimeRate, int Members, int MembersComplete, decimal? CompletenessRate, int SignedInAccounts, int SignIns, decimal? SignInRate, decimal Score);

internal sealed class GetUsageBoardValidator : IValidator<GetUsageBoard>
{
    public void Validate(GetUsageBoard q, ValidationErrors errors)
    {
        errors.Between("year", q.Year, 2000, 2100);
        errors.Between("quarter", q.Quarter, 1, 4);
        errors.Between("recordedWithinDays", q.RecordedWithinDays, 0, 365);
    }
}

internal sealed class GetUsageBoardHandler(AnalyticsDb db, RequestContext context) : IRequestHandler<GetUsageBoard, UsageBoard>
{
    public async Task<UsageBoard> Handle(GetUsageBoard q, CancellationToken cancellationToken)
    {
        var roots = await AnalyticsScope.RootsAsync(db, context, q.OrganizationId, cancellationToken);
        var from = new DateOnly(q.Year, q.Quarter * 3 - 2, 1);
        var rows = await db.QueryAsync<Row>($"""
            {DuesSql.BranchMonths},
            branch as (
                select b.id, b.name from analytics.organization b
                where b.status = 'active' and b.type = any(@branchTypes) and {AnalyticsScope.Within("b")}),
            meetings as (
                select m.branch_id, count(*) as held,
                       count(*) filter (where (m.recorded_at at time zone 'Asia/Shanghai')::date - m.held_on <= @days) as in_time
                from analytics.meeting m
                where not m.removed and m.held_on >= @from and m.held_on < @to and m.branch_id in (select id from branch)
                group by m.branch_id),
            dues as (
                select branch_id, sum(members_due) as due, sum(members_paid_on_time) as on_time
                from branch_month where month >= @from and month < @to group by branch_id),
            members as (
                -- a party group's members belong to its branch, as in the dues
                select case when o.type = 'party_group' then o.parent_id else o.id end as branch_id, count(*) as members,
                       count(*) filter (where p.gender is not null and p.birth_date is not null and p.ethnicity is not null
                                          and p.education is not null and p.joined_on is not null) as complete
                from analytics.member p join analytics.organization o on o.id = p.organization_id
                where not p.removed and p.relation <> 'transferred_out' and p.party_status in ('probationary', 'full_member')
                group by 1),
            sign_ins as (
                select case when o.type = 'party_group' then o.parent_id else o.id end as branch_id,
                       count(distinct s.account_id) as accounts, count(*) as sign_ins
                from analytics.sign_in s join analytics.organization o on o.id = s.organization_id
                where s.signed_in_at >= @from::timestamp at time zone 'Asia/Shanghai' and s.signed_in_at < @to::timestamp at time zone 'Asia/Shanghai'
                group by 1)
            select b.id, b.name, coalesce(m.held, 0)::int as meetings_held, coalesce(m.in_time, 0)::int as meetings_recorded_in_time,
                   coalesce(d.due, 0)::int as members_due, coalesce(d.on_time, 0)::int as members_paid_on_time,
                   coalesce(p.members, 0)::int as members, coalesce(p.complete, 0)::int as members_complete,
                   coalesce(s.accounts, 0)::int as signed_in_accounts, coalesce(s.sign_ins, 0)::int as sign_ins
            from branch b left join meetings m on m.branch_id = b.id left join dues d on d.branch_id = b.id
            left join members p on p.branch_id = b.id left join sign_ins s on s.branch_id = b.id
            order by b.name collate "zh-x-icu", b.id
            """, new { roots, branchTypes = Bands.BranchTypes.ToArray(), days = q.RecordedWithinDays, from, to = from.AddMonths(3), year = q.Year, month = (DateOnly?)null },
            cancellationToken);
        // OrderByDescending is stable: equal scores stay in the name order the query gave.
        var scored = rows.Select(r => r.Scored()).OrderByDescending(r => r.Score).ToList();
        // Standard competition ranking: equal scores share a rank, the next rank skips.
        var ranked = scored.Select(r => r with { Rank = scored.FindIndex(s => s.Score == r.Score) + 1 }).ToList();
        return new UsageBoard(q.Year, q.Quarter, q.RecordedWithinDays, ranked);
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public int MeetingsHeld { get; init; }
        public int MeetingsRecordedInTime { get; init; }
        public int MembersDue { get; init; }
        public int MembersPaidOnTime { get; init; }
        public int Members { get; init; }
        public int MembersComplete { get; init; }
        public int SignedInAccounts { get; init; }
        public int SignIns { get; init; }

        public UsageBoardBranch Scored()
        {
            var recorded = DuesSql.Rate(MeetingsRecordedInTime, MeetingsHeld);
            var paid = DuesSql.Rate(MembersPaidOnTime, MembersDue);
            var complete = DuesSql.Rate(MembersComplete, Members);
            // More accounts than members (staff who are not party members) still make at most 100 %.
            var signedIn = DuesSql.Rate(Math.Min(SignedInAccounts, Members), Members);
            var score = Math.Round(((recorded ?? 0) + (paid ?? 0) + (complete ?? 0) + (signedIn ?? 0)) / 4, 4);
            return new(0, Id, Name, MeetingsHeld, MeetingsRecordedInTime, recorded, MembersDue, MembersPaidOnTime, paid, Members, MembersComplete,
                complete, SignedInAccounts, SignIns, signedIn, score);
        }
    }
}

internal static class GetUsageBoardEndpoint
{
    public static void MapGetUsageBoard(this IEndpointRouteBuilder api) =>
        api.MapGet("/usage-board", (Guid? organizationId, int? year, int? quarter, int? recordedWithinDays, IMediator mediator, IClock clock,
                CancellationToken ct) =>
                mediator.Send(new GetUsageBoard(organizationId, year ?? clock.Today.Year, quarter ?? (clock.Today.Month + 2) / 3, recordedWithinDays ?? 7), ct))
            .WithName("GetAnalyticsUsageBoard")
            .WithSummary("应用情况公示：各支部本季度组织生活次数、7 日内录入率、党费按时缴纳率、党员信息完整率、登录账号数与登录次数及综合得分排名")
            .RequirePermission(AnalyticsPermissions.Read);
}
