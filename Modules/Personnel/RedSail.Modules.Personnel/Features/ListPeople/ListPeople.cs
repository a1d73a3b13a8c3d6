using Dapper;
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
        var selection = await PeopleFilter.SelectAsync(db, q, context, blindIndex, today, cancellationToken);
        var parameters = selection.Parameters;

        // Without filters the total is exact and already known: the scope's subtree counts (PersonnelScope.ResolveAsync).
        // With filters it is counted, exact up to CountCap and capped above it (TotalCapped): counting every match of a
        // committee's million people costs hundreds of milliseconds per page on two cores (docs/benchmarks.md). The count
        // comes first: how many match decides how the page is found (PeopleSelection.PageSql).
        var total = new CappedTotal(selection.Scope.People, false);
        if (PeopleFilter.IsFiltered(q))
            total = Counting.Of(await db.ExecuteScalarAsync<long>(Counting.Sql(selection.From(PeopleAccess.OrganizationsFirst)), parameters, cancellationToken));
        parameters.Add("limit", page.Limit);
        parameters.Add("offset", page.Offset);
        IReadOnlyList<PersonRow> rows = total.Total == 0 ? [] : await db.QueryAsync<PersonRow>(selection.PageSql(q.Sort, page, total.Total), parameters, cancellationToken);
        return new PeoplePage(rows.Select(r => PersonView.From(r, cipher, unmask: false, today)).ToList(), total.Total,
            page.Page, page.PageSize, total.Capped);
    }

    /// <summary>
    /// Beyond this many matches of a filtered list the total says "more than" (PeoplePage.TotalCapped) instead of counting them
    /// all: counting stops after CountCap + 1 matches, a few milliseconds even across a million people. Fifty pages of twenty
    /// is more than anyone reads; they narrow the filter.
    /// </summary>
    public const int CountCap = 1_000;

    private static readonly CappedCount Counting = new(CountCap);
}

/// <summary>How a page of people is found (<see cref="PeopleSelection.PageSql"/>).</summary>
internal enum PeopleAccess
{
    /// <summary>The scope's organisations, each one probe of ix_person_organization: reads every visible person, then sorts.</summary>
    OrganizationsFirst,

    /// <summary>The whole register in name order (ix_person_name), each person checked against the scope's organisations, hashed.</summary>
    NameOrder,
}

/// <summary>
/// One request's people filter as SQL: the conditions it uses and only those (a condition written "@x is null or …" is planned
/// for both cases), their parameters, and the caller's scope narrowed to the organisation asked for. Shared with the export.
/// </summary>
internal sealed record PeopleSelection(DynamicParameters Parameters, IReadOnlyList<string> Conditions, ResolvedScope Scope)
{
    // The visible organisations, read once and hashed; "is true" keeps the IN a condition (a hashed SubPlan): as a join the
    // planner looks each person's organisation up, one index probe per person read (seconds for a region's later pages).
    private const string InVisibleOrganizations = """
        (p.organization_id in (select scope_o.id from personnel.organization scope_o where scope_o.path <@ any(@visiblePaths::ltree[]))) is true
        """;

    /// <summary>
    /// Reading the name order costs about this many times less per person than reading organisation first, which sorts what it
    /// reads by collation (measured at 1M people: a region's page 50 in about 30 ms either way, docs/benchmarks.md).
    /// </summary>
    private const int NameOrderAdvantage = 8;

    /// <summary>FROM … WHERE of the selection: the scope (none when it is the whole register) and the conditions.</summary>
    public string From(PeopleAccess access, bool joinOrganization = false)
    {
        var scope = Scope.Everything ? [] : new[] { access == PeopleAccess.NameOrder ? InVisibleOrganizations : PersonnelScope.PeopleWithinPaths("p", "@visiblePaths") };
        var join = joinOrganization ? " join personnel.organization o on o.id = p.organization_id" : "";
        return $"from personnel.person p{join} where {string.Join(" and ", scope.Concat(Conditions))}";
    }

    /// <summary>
    /// One page of <paramref name="matches"/> people in the order asked for. The page's ids come from the indexes alone (both
    /// carry the common filters, M0015); only its rows are then read. A narrow scope (a branch, or few matches) is read
    /// organisation first; a wide one in name order, which stops when the page is full: after about (offset + page size) ×
    /// register / matches entries.
    /// </summary>
    public string PageSql(string? sort, Paging page, long matches)
    {
        var order = PeopleFilter.Sort(sort);
        var nameOrderReads = (page.Offset + page.Limit) * (double)Scope.RegisterPeople / Math.Max(matches, 1);
        var access = order == PeopleFilter.Sort("name") && nameOrderReads <= NameOrderAdvantage * (double)Scope.People
            ? PeopleAccess.NameOrder : PeopleAccess.OrganizationsFirst;
        return $"""
            select {PersonRow.Columns}
            from (select p.id {From(access, order.ByOrganization)} order by {order.Sql} limit @limit offset @offset) found
            join personnel.person p on p.id = found.id join personnel.organization o on o.id = p.organization_id
            order by {order.Sql}
            """;
    }
}

/// <summary>The people list's filter (scope, organisation subtree, status, codes, ages, keyword) and sort, shared with the export.</summary>
internal static class PeopleFilter
{
    /// <summary>A sort's ORDER BY (on person p, organisation o), and whether it needs the organisation.</summary>
    internal sealed record PeopleOrder(string Sql, bool ByOrganization = false);

    private static readonly Dictionary<string, PeopleOrder> Sorts = new()
    {
        // Names in pinyin order (ICU "zh-x-icu", as the index of M0013), not in code-point order.
        ["name"] = new("p.name collate \"zh-x-icu\", p.id"), ["birthDate"] = new("p.birth_date, p.id"),
        ["-birthDate"] = new("p.birth_date desc, p.id"), ["joinedOn"] = new("p.joined_on nulls last, p.id"),
        ["organization"] = new("o.path, p.name collate \"zh-x-icu\", p.id", ByOrganization: true),
    };

    public static PeopleOrder Sort(string? sort) => Sorts.GetValueOrDefault(sort ?? "name") ?? Sorts["name"];

    /// <summary>Whether anything but the scope and the organisation subtree narrows the list.</summary>
    public static bool IsFiltered(ListPeople q) =>
        q.Statuses is { Length: > 0 } || Blank(q.Gender) is not null || Blank(q.Ethnicity) is not null || Blank(q.Education) is not null
        || q.AgeFrom is not null || q.AgeTo is not null || q.PartyAgeFrom is not null || q.JoinedYearFrom is not null || q.JoinedYearTo is not null
        || Blank(q.Keyword) is not null || Blank(q.Role) is not null || Blank(q.Relation) is not null || Blank(q.TitleKeyword) is not null
        || Blank(q.Trait) is not null;

    /// <summary>The roles a person may hold (DOMAIN.md §3): party member, on the way in, young employee, mass organisation, united front.</summary>
    public static readonly IReadOnlyList<string> Roles = ["member", "pipeline", "young", "mass_org", "united_front"];

    /// <summary>The request's conditions on person p and their parameters, with the caller's scope resolved.</summary>
    public static async Task<PeopleSelection> SelectAsync(PersonnelDb db, ListPeople q, RequestContext context, BlindIndex blindIndex,
        DateOnly today, CancellationToken ct)
    {
        var keyword = Blank(q.Keyword)?.Trim();
        var (gender, ethnicity, role, relation) = (Blank(q.Gender), Blank(q.Ethnicity), Blank(q.Role), Blank(q.Relation));
        // A one-digit education code is its group (1 研究生, 2 本科 …); two digits are exact.
        var educationPrefix = Blank(q.Education) is { } e ? (e.Length == 1 ? e + "%" : e) : null;
        var idIndex = keyword is { Length: 18 } ? blindIndex.Compute(IdNumber.IndexPurpose, IdNumber.Normalize(keyword)) : null;
        var (titlePattern, traitPattern) = (Pattern(q.TitleKeyword), Pattern(q.Trait));
        // "Young" is the rule set's age (青年职工 ≤ 35), read only when asked for.
        var youngAge = role == "young" ? (await RuleBook.LoadAsync(db, ct)).At(today).YoungEmployeeMaxAge : 0;
        var values = new
        {
            statuses = q.Statuses is { Length: > 0 } ? q.Statuses : null, gender, ethnicity, educationPrefix,
            bornOnOrBefore = q.AgeFrom is { } from ? today.AddYears(-from) : (DateOnly?)null,
            bornAfter = q.AgeTo is { } to ? today.AddYears(-to - 1) : (DateOnly?)null,
            convertedOnOrBefore = q.PartyAgeFrom is { } partyAge ? today.AddYears(-partyAge) : (DateOnly?)null,
            joinedFrom = q.JoinedYearFrom is { } yf ? new DateOnly(Math.Clamp(yf, 1, 9999), 1, 1) : (DateOnly?)null,
            joinedBefore = q.JoinedYearTo is { } yt ? new DateOnly(Math.Clamp(yt + 1, 1, 9999), 1, 1) : (DateOnly?)null,
            keyword, namePattern = keyword is null ? null : "%" + Paging.EscapeLike(keyword) + "%", idIndex,
            role, relation, youngBornAfter = today.AddYears(-youngAge - 1), titlePattern, traitPattern,
        };

        // The code columns are char(n): a parameter compared as bpchar keeps the column's statistics and index (as text, the
        // column is cast and the planner guesses 0.5 % for gender, which once sent a committee's filtered page to a sequential scan).
        var conditions = new List<string>();
        void When(object? value, string condition) { if (value is not null) conditions.Add(condition); }
        When(values.statuses, "p.party_status = any(@statuses)");
        When(gender, "p.gender = @gender::bpchar");
        When(ethnicity, ethnicity == "minority" ? "p.ethnicity not in ('01', '97', '98')" : "p.ethnicity = @ethnicity::bpchar");
        When(educationPrefix, "p.education like @educationPrefix");
        When(values.bornOnOrBefore, "p.birth_date <= @bornOnOrBefore");
        When(values.bornAfter, "p.birth_date > @bornAfter");
        When(values.convertedOnOrBefore, "p.party_status = 'full_member' and p.converted_on <= @convertedOnOrBefore");
        When(values.joinedFrom, "p.joined_on >= @joinedFrom");
        When(values.joinedBefore, "p.joined_on < @joinedBefore");
        // The exact matches (employee number, ID number's blind index) are looked up once, so the name test stays on the index.
        // A keyword without upper and lower case (Chinese) is matched with LIKE: the same matches, and no lower-casing of every
        // name read (ILIKE took 2.5 times as long over the whole register).
        var nameMatch = keyword is not null && keyword.ToUpperInvariant() == keyword.ToLowerInvariant() ? "like" : "ilike";
        When(keyword, $"""
            (p.name {nameMatch} @namePattern or p.id = any(array(select k.id from personnel.person k
                where k.employee_number = @keyword{(idIndex is null ? "" : " or k.id_number_index = @idIndex")})))
            """);
        conditions.Add(relation is null ? "p.relation <> 'transferred_out'" : "p.relation = @relation");
        When(role, role switch
        {
            "member" => "p.party_status in ('probationary', 'full_member')",
            "pipeline" => "p.party_status in ('applicant', 'activist', 'candidate')",
            "young" => "p.birth_date > @youngBornAfter",
            _ => """
                exists (select 1 from personnel.person_record r where r.person_id = p.id
                    and r.set_kind = @role and r.removed_at is null and r.valid_to is null)
                """,
        });
        When(titlePattern, """
            exists (select 1 from personnel.person_record r where r.person_id = p.id
                and r.set_kind = 'post' and r.removed_at is null and r.valid_to is null and r.search_text ilike @titlePattern)
            """);
        When(traitPattern, """
            exists (select 1 from personnel.person_record r where r.person_id = p.id
                and r.set_kind = 'traits' and r.removed_at is null and r.valid_to is null and r.search_text ilike @traitPattern)
            """);

        var scope = await PersonnelScope.ResolveAsync(db, context.Principal.ScopeFor(PersonnelPermissions.Read), q.OrganizationId, values, ct);
        return new PeopleSelection(scope.Parameters, conditions, scope);
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
