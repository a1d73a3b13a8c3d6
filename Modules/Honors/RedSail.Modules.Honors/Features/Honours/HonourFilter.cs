using Dapper;
using RedSail.Modules.Honors.Access;

namespace RedSail.Modules.Honors.Features.Honours;

/// <summary>
/// The filters of the honour list, its export and its statistics: status (approved unless named), level, type, year
/// awarded, an organisation's subtree, and a person's name or the title (contains). Always within the caller's read scope.
/// </summary>
internal sealed record HonourFilter(string? Status, string? Level, string? Type, int? Year, Guid? OrganizationId, string? Name)
{
    /// <summary>Conditions on <c>h</c> (honour), <c>o</c> (its organisation) and <c>p</c> (the person, left joined).</summary>
    public string Where => $"""
        {HonorsScope.Within("o")} and h.status = @status and (@level::text is null or h.level = @level) and (@type::text is null or h.type = @type)
        and (@year::int is null or h.awarded_on >= make_date(@year, 1, 1) and h.awarded_on < make_date(@year + 1, 1, 1))
        and (@organizationId::uuid is null or o.path <@ (select path from honors.organization where id = @organizationId))
        and (@name::text is null or p.name like @name escape '\' or h.title like @name escape '\')
        """;

    public const string From = """
        honors.honour h join honors.organization o on o.id = h.organization_id left join honors.person p on p.id = h.person_id
        """;

    public DynamicParameters Parameters(RequestContext context, object? more = null)
    {
        var parameters = HonorsScope.Parameters(context, Contracts.HonorsPermissions.Read, new
        {
            status = Status ?? Domain.HonourStatuses.Approved, level = Blank(Level), type = Blank(Type), year = Year, organizationId = OrganizationId,
            name = Blank(Name) is { } n ? "%" + Paging.EscapeLike(n.Trim()) + "%" : null,
        });
        if (more is not null) parameters.AddDynamicParams(more);
        return parameters;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>An honour as lists show it.</summary>
internal class HonourSummary
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public Guid? PersonId { get; init; }
    public string? PersonName { get; init; }
    public string HonourType { get; init; } = "";
    public string HonourLevel { get; init; } = "";
    public string Title { get; init; } = "";
    public string ConferringBody { get; init; } = "";
    public DateOnly AwardedOn { get; init; }
    public string? DocumentNumber { get; init; }
    public string Status { get; init; } = "";
    public string? RejectionReason { get; init; }
    public int Certificates { get; init; }
    public long Version { get; init; }

    public const string Columns = """
        h.id, h.organization_id, o.name as organization_name, h.person_id, p.name as person_name, h.type as honour_type, h.level as honour_level,
        h.title, h.conferring_body, h.awarded_on, h.document_number, h.status, h.rejection_reason,
        (select count(*)::int from honors.certificate c where c.honour_id = h.id) as certificates, h.version
        """;
}
