using System.Text.Json.Serialization;
using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.Rules;

namespace RedSail.Modules.Personnel.Features.ListReminders;

/// <summary>
/// People in the caller's scope who need attention soon, by due date: probationary members whose probation ends within
/// the rule set's notice (转正), and Youth League members reaching the leaving age (超龄离团). Overdue ones come first.
/// The numbers are those of the rule set in force today.
/// </summary>
internal sealed record ListReminders(int Page, int PageSize) : IQuery<Paged<Reminder>>;

internal sealed class Reminder
{
    /// <summary>probation_due or league_age.</summary>
    public string Kind { get; init; } = "";
    public Guid PersonId { get; init; }
    public string Name { get; init; } = "";
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public DateOnly DueOn { get; init; }
    [JsonIgnore] public long Total { get; init; }
}

internal sealed class ListRemindersHandler(PersonnelDb db, RequestContext context, IClock clock) : IRequestHandler<ListReminders, Paged<Reminder>>
{
    // Probationary members are found organisation first (PersonnelScope.PeopleWithinPaths: the scope's people through
    // ix_person_organization, which carries party_status and relation), or, when the scope is the whole register, by status.
    // As a join on the organisation, a region committee's reminders read all 40,000 probationary members of the register
    // (docs/benchmarks.md).
    private static readonly string ScopedSql = Sql(PersonnelScope.PeopleWithinPaths("p") + " and");
    private static readonly string EverywhereSql = Sql("");

    private static string Sql(string probationaryInScope) => $"""
        with due as (
            select 'probation_due' as kind, p.id as person_id, p.name, p.organization_id,
                   (p.joined_on + make_interval(months => @probationMonths + p.probation_extended_months))::date as due_on
            from personnel.person p
            where {probationaryInScope} p.party_status = '{PartyStatus.Probationary}' and p.relation <> 'transferred_out'
              and p.joined_on + make_interval(months => @probationMonths + p.probation_extended_months) <= @probationNotice
            union all
            select distinct on (p.id) 'league_age', p.id, p.name, p.organization_id,
                   (p.birth_date + make_interval(years => @leagueAge))::date
            from personnel.person_record r
            join personnel.organization league on league.id = r.organization_id and league.type = any(@leagueTypes)
            join personnel.person p on p.id = r.person_id
            join personnel.organization o on o.id = p.organization_id
            where r.set_kind = 'mass_org' and r.removed_at is null and r.valid_to is null and {PersonnelScope.WithinPaths("o")}
              and p.birth_date + make_interval(years => @leagueAge) <= @leagueNotice)
        select d.kind, d.person_id, d.name, d.organization_id, o.name as organization_name, d.due_on, count(*) over () as total
        from due d join personnel.organization o on o.id = d.organization_id
        order by d.due_on, d.name, d.person_id
        limit @Limit offset @Offset
        """;

    public async Task<Paged<Reminder>> Handle(ListReminders request, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(request.Page, request.PageSize);
        var today = clock.Today;
        var rules = (await RuleBook.LoadAsync(db, cancellationToken)).At(today);
        var scope = await PersonnelScope.ResolveAsync(db, context.Principal.ScopeFor(PersonnelPermissions.Read), null, new
        {
            probationMonths = rules.ProbationMonths, probationNotice = today.AddDays(rules.ProbationReminderDays),
            leagueAge = rules.LeagueMaxAge, leagueNotice = today.AddMonths(rules.LeagueReminderMonths),
            leagueTypes = new[] { OrganizationTypes.YouthLeague, OrganizationTypes.YouthLeagueBranch }, paging.Limit, paging.Offset,
        }, cancellationToken);
        var rows = (await db.QueryAsync<Reminder>(scope.Everything ? EverywhereSql : ScopedSql, scope.Parameters, cancellationToken)).ToList();
        return new Paged<Reminder>(rows, rows.FirstOrDefault()?.Total ?? 0, paging.Page, paging.PageSize);
    }
}

internal static class ListRemindersEndpoint
{
    public static void MapListReminders(this IEndpointRouteBuilder api) =>
        api.MapGet("/reminders", (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListReminders(page ?? 1, pageSize ?? 50), ct))
            .WithName("ListReminders").WithSummary("人员提醒（预备期将满、团员将超龄离团），按到期日排序")
            .RequirePermission(PersonnelPermissions.Read);
}
