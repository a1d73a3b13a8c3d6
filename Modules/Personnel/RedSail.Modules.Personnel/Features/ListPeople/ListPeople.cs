using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;
using RedSail.Modules.Personnel.Features.Rules;

namespace RedSail.Modules.Personnel.Features.ListPeople;

/// <summary>
/// People of an organisation subtree (default: everything the caller may read), filtered, sorted and paged,
/// with sensitive fields masked. The keyword matches a name (fragment), an employee number or an ID number
/// (exact, through the blind index). People transferred out are left out unless asked for by <see cref="ListPeople.Relation"/>.
/// </summary>
internal sealed record ListPeople(Guid? OrganizationId, string[]? Statuses, string? Gender, string? Ethnicity, string? Education,
    int? AgeFrom, int? AgeTo, int? PartyAgeFrom, int? JoinedYearFrom, int? JoinedYearTo, string? Keyword, string? Sort,
    int Page = 1, int PageSize = 20, string? Role = null, string? Relation = null, string? TitleKeyword = null, string? Trait = null) : IQuery<PeoplePage>;

/// <summary>A page of people; <see cref="Total"/> is exact unless <see cref="TotalCapped"/>, when at least that many match.</summary>
internal sealed record PeoplePage(IReadOnlyList<PersonView> Items, long Total, int Page, int PageSize, bool TotalCapped);

internal sealed class ListPeopleHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, BlindIndex blindIndex, IClock clock)
    : IRequestHandler<ListPeople, PeoplePage>
{
    public async Task<PeoplePage> Handle(ListPeople q, CancellationToken cancellationToken)
    {
        var page = Paging.Of(q.Page, q.PageSize);
        var today = clock.Today;
        var (parameters, visiblePeople) = await PeopleFilter.ParametersAsync(db, q, context, blindIndex, today, cancellationToken);
        parameters.Add("limit", page.Limit);
        parameters.Add("offset", page.Offset);
        var pageSql = $"select {PersonRow.Columns} {PeopleFilter.Sql} order by {PeopleFilter.Order(q.Sort)} limit @limit offset @offset";

        // Without filters the total is exact and already known: the scope's subtree counts (PersonnelScope.ResolveAsync).
        // With filters it is counted, exact up to CountCap and capped above it (TotalCapped): counting every match of a
        // committee's million people costs hundreds of milliseconds per page on two cores (docs/benchmarks.md).
        if (!PeopleFilter.IsFiltered(q))
            return Page(await db.QueryAsync<PersonRow>(pageSql, parameters, cancellationToken), visiblePeople, capped: false);
        using var grid = await db.QueryMultipleAsync($"""
            {Counting.Sql(PeopleFilter.Sql)};
            {pageSql};
            """, parameters, cancellationToken);
        var total = Counting.Of(await grid.ReadSingleAsync<long>());
        var rows = (await grid.ReadAsync<PersonRow>()).ToList();
        return Page(rows, total.Total, capped: total.Capped);

        PeoplePage Page(IReadOnlyList<PersonRow> rows, long total, bool capped) =>
            new(rows.Select(r => PersonView.From(r, cipher, unmask: false, today)).ToList(), total, page.Page, page.PageSize, capped);
    }

    /// <summary>
    /// Beyond this many matches of a filtered list the total says "more than" (PeoplePage.TotalCapped) instead of counting them
    /// all: counting stops after CountCap + 1 matches, a few milliseconds even across a million people. Fifty pages of twenty
    /// is more than anyone reads; they narrow the filter.
    /// </summary>
    public const int CountCap = 1_000;

    private static readonly CappedCount Counting = new(CountCap);
}

/// <summary>The people list's filter (scope, organisation subtree, status, codes, ages, keyword) and sort, shared with the export.</summary>
internal static class PeopleFilter
{
    private static readonly Dictionary<string, string> Sorts = new()
    {
        // Names in pinyin order (ICU "zh-x-icu", as the index of M0013), not in code-point order.
        ["name"] = "p.name collate \"zh-x-icu\", p.id", ["birthDate"] = "p.birth_date, p.id", ["-birthDate"] = "p.birth_date desc, p.id",
        ["joinedOn"] = "p.joined_on nulls last, p.id", ["organization"] = "o.path, p.name collate \"zh-x-icu\", p.id",
    };

    public static string Order(string? sort) => Sorts.GetValueOrDefault(sort ?? "name") ?? Sorts["name"];

    /// <summary>Whether anything but the scope and the organisation subtree narrows the list.</summary>
    public static bool IsFiltered(ListPeople q) =>
        q.Statuses is { Length: > 0 } || Blank(q.Gender) is not null || Blank(q.Ethnicity) is not null || Blank(q.Education) is not null
        || q.AgeFrom is not null || q.AgeTo is not null || q.PartyAgeFrom is not null || q.JoinedYearFrom is not null || q.JoinedYearTo is not null
        || Blank(q.Keyword) is not null || Blank(q.Role) is not null || Blank(q.Relation) is not null || Blank(q.TitleKeyword) is not null
        || Blank(q.Trait) is not null;

    // The code columns are char(n): a parameter compared as bpchar keeps the column's statistics and index (as text, the
    // column is cast and the planner guesses 0.5 % for gender, which once sent a committee's filtered page to a sequential scan).
    public static string Sql => $"""
        from personnel.person p join personnel.organization o on o.id = p.organization_id
        where {PersonnelScope.WithinPaths("o")}
          and (@organizationId::uuid is null or o.path <@ (select f.path from personnel.organization f where f.id = @organizationId))
          and (@statuses::text[] is null or p.party_status = any(@statuses))
          and (@gender::text is null or p.gender = @gender::bpchar)
          and (@ethnicity::text is null or (@ethnicity = 'minority' and p.ethnicity not in ('01', '97', '98')) or p.ethnicity = @ethnicity::bpchar)
          and (@educationPrefix::text is null or p.education like @educationPrefix)
          and (@bornOnOrBefore::date is null or p.birth_date <= @bornOnOrBefore)
          and (@bornAfter::date is null or p.birth_date > @bornAfter)
          and (@convertedOnOrBefore::date is null or (p.party_status = 'full_member' and p.converted_on <= @convertedOnOrBefore))
          and (@joinedFrom::date is null or p.joined_on >= @joinedFrom)
          and (@joinedBefore::date is null or p.joined_on < @joinedBefore)
          and (@keyword::text is null or p.name ilike @namePattern or p.employee_number = @keyword or p.id_number_index = @idIndex)
          and ((@relation::text is null and p.relation <> 'transferred_out') or p.relation = @relation)
          and (@role::text is null
               or (@role = 'member' and p.party_status in ('probationary', 'full_member'))
               or (@role = 'pipeline' and p.party_status in ('applicant', 'activist', 'candidate'))
               or (@role = 'young' and p.birth_date > @youngBornAfter)
               or (@role in ('mass_org', 'united_front') and exists (select 1 from personnel.person_record r where r.person_id = p.id
                   and r.set_kind = @role and r.removed_at is null and r.valid_to is null)))
          and (@titlePattern::text is null or exists (select 1 from personnel.person_record r where r.person_id = p.id
               and r.set_kind = 'post' and r.removed_at is null and r.valid_to is null and r.search_text ilike @titlePattern))
          and (@traitPattern::text is null or exists (select 1 from personnel.person_record r where r.person_id = p.id
               and r.set_kind = 'traits' and r.removed_at is null and r.valid_to is null and r.search_text ilike @traitPattern))
        """;

    /// <summary>The roles a person may hold (DOMAIN.md §3): party member, on the way in, young employee, mass organisation, united front.</summary>
    public static readonly IReadOnlyList<string> Roles = ["member", "pipeline", "young", "mass_org", "united_front"];

    public static async Task<ResolvedScope> ParametersAsync(PersonnelDb db, ListPeople q, RequestContext context, BlindIndex blindIndex,
        DateOnly today, CancellationToken ct)
    {
        var keyword = string.IsNullOrWhiteSpace(q.Keyword) ? null : q.Keyword.Trim();
        // "Young" is the rule set's age (青年职工 ≤ 35), read only when asked for.
        var youngAge = q.Role == "young" ? (await RuleBook.LoadAsync(db, ct)).At(today).YoungEmployeeMaxAge : 0;
        return await PersonnelScope.ResolveAsync(db, context.Principal.ScopeFor(PersonnelPermissions.Read), q.OrganizationId, new
        {
            organizationId = q.OrganizationId,
            statuses = q.Statuses is { Length: > 0 } ? q.Statuses : null,
            gender = Blank(q.Gender), ethnicity = Blank(q.Ethnicity),
            // A one-digit education code is its group (1 研究生, 2 本科 …); two digits are exact.
            educationPrefix = Blank(q.Education) is { } e ? (e.Length == 1 ? e + "%" : e) : null,
            bornOnOrBefore = q.AgeFrom is { } from ? today.AddYears(-from) : (DateOnly?)null,
            bornAfter = q.AgeTo is { } to ? today.AddYears(-to - 1) : (DateOnly?)null,
            convertedOnOrBefore = q.PartyAgeFrom is { } partyAge ? today.AddYears(-partyAge) : (DateOnly?)null,
            joinedFrom = q.JoinedYearFrom is { } yf ? new DateOnly(Math.Clamp(yf, 1, 9999), 1, 1) : (DateOnly?)null,
            joinedBefore = q.JoinedYearTo is { } yt ? new DateOnly(Math.Clamp(yt + 1, 1, 9999), 1, 1) : (DateOnly?)null,
            keyword, namePattern = keyword is null ? null : "%" + Paging.EscapeLike(keyword) + "%",
            idIndex = keyword is { Length: 18 } ? blindIndex.Compute(IdNumber.IndexPurpose, IdNumber.Normalize(keyword)) : null,
            role = Blank(q.Role), relation = Blank(q.Relation), youngBornAfter = today.AddYears(-youngAge - 1),
            titlePattern = Pattern(q.TitleKeyword), traitPattern = Pattern(q.Trait),
        }, ct);
    }

    private static string? Blank(string? value) => PersonWrites.Blank(value);

    private static string? Pattern(string? value) => Blank(value) is { } text ? "%" + Paging.EscapeLike(text) + "%" : null;
}

internal static class ListPeopleEndpoint
{
    public static void MapListPeople(this IEndpointRouteBuilder api) =>
        api.MapGet("/people", ([AsParameters] ListPeopleQuery query, IMediator mediator, CancellationToken ct) => mediator.Send(query.ToRequest(), ct))
            .WithName("ListPeople").WithSummary("人员列表：组织范围、状态、身份、组织关系、性别、民族、学历、年龄、党龄、入党年份、职称、特长、关键字检索，分页")
            .RequirePermission(PersonnelPermissions.Read);
}

/// <summary>The query string of the people list (status may repeat: ?status=full_member&amp;status=probationary).</summary>
internal sealed record ListPeopleQuery(Guid? OrganizationId, string[]? Status, string? Gender, string? Ethnicity, string? Education, int? AgeFrom,
    int? AgeTo, int? PartyAgeFrom, int? JoinedYearFrom, int? JoinedYearTo, string? Keyword, string? Sort, int? Page, int? PageSize, string? Role,
    string? Relation, string? TitleKeyword, string? Trait)
{
    public ListPeople ToRequest() => new(OrganizationId, Status, Gender, Ethnicity, Education, AgeFrom, AgeTo, PartyAgeFrom, JoinedYearFrom,
        JoinedYearTo, Keyword, Sort, Page ?? 1, PageSize ?? 20, Role, Relation, TitleKeyword, Trait);
}

internal sealed class ListPeopleValidator : RedSail.BuildingBlocks.Validation.IValidator<ListPeople>
{
    public void Validate(ListPeople q, RedSail.BuildingBlocks.Validation.ValidationErrors errors)
    {
        foreach (var (field, value) in new[] { ("ageFrom", q.AgeFrom), ("ageTo", q.AgeTo), ("partyAgeFrom", q.PartyAgeFrom) })
            if (value is < 0 or > 150) errors.Add(field, "person.number_range", 0, 150);
        foreach (var (field, value) in new[] { ("joinedYearFrom", q.JoinedYearFrom), ("joinedYearTo", q.JoinedYearTo) })
            if (value is < 1900 or > 2200) errors.Add(field, "person.number_range", 1900, 2200);
        if (q.Statuses?.FirstOrDefault(s => !PartyStatus.All.Contains(s)) is { } unknown) errors.Add("status", "person.code_unknown", unknown);
        errors.MaxLength("keyword", q.Keyword, 50).MaxLength("titleKeyword", q.TitleKeyword, 50).MaxLength("trait", q.Trait, 50);
        if (q.Role is { } role && !PeopleFilter.Roles.Contains(role)) errors.Add("role", "person.code_unknown", role);
        if (q.Relation is { } relation && !Relation.Targets.Append(Relation.TransferredOut).Contains(relation)) errors.Add("relation", "person.code_unknown", relation);
    }
}
