using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Rules;

namespace RedSail.Modules.Workflow.Features.GetStudyHours;

/// <summary>
/// Study hours of a year for the party members (probationary and full) of an organisation's subtree: each member's hours
/// from the sessions they attended (whoever held them), flagged below the rule set's yearly minimum (in force at the
/// year's end), a page of members, and per branch the members, total hours and how many are below.
/// </summary>
internal sealed record GetStudyHours(Guid OrganizationId, int Year, bool BelowOnly, int Page = 1, int PageSize = 50) : IQuery<StudyHoursReport>;

internal sealed record StudyHoursReport(int Year, decimal MinimumHours, IReadOnlyList<BranchStudyHours> Branches, IReadOnlyList<MemberStudyHours> Items,
    long Total, int Page, int PageSize);

internal sealed class BranchStudyHours
{
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public int Members { get; init; }
    public decimal TotalHours { get; init; }
    public int BelowMinimum { get; init; }
}

internal sealed class MemberStudyHours
{
    public Guid PersonId { get; init; }
    public string PersonName { get; init; } = "";
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public int Sessions { get; init; }
    public decimal Hours { get; init; }
    public bool BelowMinimum { get; init; }
}

internal sealed class GetStudyHoursValidator : IValidator<GetStudyHours>
{
    public void Validate(GetStudyHours request, ValidationErrors errors) => errors.Between("year", request.Year, 2000, 2100);
}

internal sealed class GetStudyHoursHandler(WorkflowDb db, RequestContext context) : IRequestHandler<GetStudyHours, StudyHoursReport>
{
    /// <summary>A committee's report lists its branches; a subtree of thousands is read a level at a time (choose a lower organisation).</summary>
    private const int MaxBranches = 500;

    /// <summary>Each member's sessions and hours in the year (a CTE: queries run in read-only transactions, so no temporary table).</summary>
    private const string Hours = """
        study_hours as (
            select p.id as person_id, p.name as person_name, p.organization_id, o.name as organization_name, o.path,
                   count(s.id)::int as sessions, coalesce(sum(s.hours), 0) as hours
            from workflow.person p join workflow.organization o on o.id = p.organization_id
            left join workflow.study_participant sp on sp.person_id = p.id
            left join workflow.study_session s on s.id = sp.session_id and s.held_on between @from and @to
            where o.path <@ @path::ltree and p.party_status in ('probationary', 'full_member') and p.relation <> 'transferred_out'
            group by p.id, o.id)
        """;

    public async Task<StudyHoursReport> Handle(GetStudyHours q, CancellationToken cancellationToken)
    {
        var organization = await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Read, q.OrganizationId, cancellationToken);
        var minimum = (await RuleBook.LoadAsync(db, cancellationToken)).At(new DateOnly(q.Year, 12, 31)).Study.YearlyMinimumHours;
        var paging = Paging.Of(q.Page, q.PageSize);
        using var grid = await db.QueryMultipleAsync($"""
            with {Hours}
            select organization_id, organization_name, count(*)::int as members, sum(hours) as total_hours,
                   count(*) filter (where hours < @minimum)::int as below_minimum
            from study_hours group by organization_id, organization_name, path order by path limit {MaxBranches};
            with {Hours}
            select person_id, person_name, organization_id, organization_name, sessions, hours, hours < @minimum as below_minimum
            from study_hours where not @BelowOnly or hours < @minimum
            order by path, hours, person_name, person_id limit @Limit offset @Offset;
            with {Hours}
            select count(*) from study_hours where not @BelowOnly or hours < @minimum;
            """, new
            {
                path = organization.Path, from = new DateOnly(q.Year, 1, 1), to = new DateOnly(q.Year, 12, 31), minimum, q.BelowOnly,
                paging.Limit, paging.Offset,
            }, cancellationToken);
        var branches = (await grid.ReadAsync<BranchStudyHours>()).ToList();
        var items = (await grid.ReadAsync<MemberStudyHours>()).ToList();
        return new StudyHoursReport(q.Year, minimum, branches, items, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class GetStudyHoursEndpoint
{
    public static void MapGetStudyHours(this IEndpointRouteBuilder api) =>
        api.MapGet("/study-hours", (Guid organizationId, int? year, bool? belowOnly, int? page, int? pageSize, IMediator mediator, IClock clock,
                CancellationToken ct) =>
                mediator.Send(new GetStudyHours(organizationId, year ?? clock.Today.Year, belowOnly ?? false, page ?? 1, pageSize ?? 50), ct))
            .WithName("GetStudyHours").WithSummary("党员年度学时统计：每名党员的学时（低于年度最低学时的标出）及各支部合计")
            .RequirePermission(WorkflowPermissions.Read);
}
