using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Domain;

namespace RedSail.Modules.Honors.Features.Representatives;

/// <summary>What recording and correcting a representative's term share.</summary>
internal interface IRepresentativeForm
{
    Guid? PersonId { get; }
    string? RepresentativeKind { get; }
    string? RepresentativeLevel { get; }
    string? Body { get; }
    DateOnly? TermStartsOn { get; }
    DateOnly? TermEndsOn { get; }
}

internal static class RepresentativeForm
{
    public static void Validate(IRepresentativeForm form, ValidationErrors errors)
    {
        if (form.PersonId is null) errors.Add("personId", "validation.required");
        if (!RepresentativeKinds.LevelsOf.ContainsKey(form.RepresentativeKind ?? "")) errors.Add("representativeKind", "validation.invalid");
        else if (!RepresentativeKinds.IsValid(form.RepresentativeKind, form.RepresentativeLevel))
            errors.Add("representativeLevel", "honors.representative.level_invalid");
        errors.RequiredMax("body", form.Body, 200);
        if (form.TermStartsOn is null) errors.Add("termStartsOn", "validation.required");
        if (form.TermEndsOn is null) errors.Add("termEndsOn", "validation.required");
        else if (form.TermStartsOn is not null && form.TermEndsOn <= form.TermStartsOn) errors.Add("termEndsOn", "honors.representative.term_order");
    }

    /// <summary>The person, if their organisation is in the caller's scope for <paramref name="permission"/>; 404 otherwise.</summary>
    public static async Task EnsurePersonAsync(HonorsDb db, RequestContext context, string permission, Guid personId, CancellationToken ct)
    {
        var found = await db.ExecuteScalarAsync<bool>($"""
            select exists (select 1 from honors.person p join honors.organization o on o.id = p.organization_id where p.id = @personId and {HonorsScope.Within("o")})
            """, HonorsScope.Parameters(context, permission, new { personId }), ct);
        if (!found) throw new NotFoundException("person", personId.ToString());
    }
}

/// <summary>A representative's term as lists show it; <see cref="DaysLeft"/> counts to the term's end from today.</summary>
internal sealed class RepresentativeView
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public string PersonName { get; init; } = "";
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public string RepresentativeKind { get; init; } = "";
    public string RepresentativeLevel { get; init; } = "";
    public string Body { get; init; } = "";
    public DateOnly TermStartsOn { get; init; }
    public DateOnly TermEndsOn { get; init; }
    public string Status { get; init; } = "";
    public int DaysLeft { get; init; }
    public long Version { get; init; }

    public const string Columns = """
        r.id, r.person_id, p.name as person_name, p.organization_id, o.name as organization_name, r.kind as representative_kind,
        r.level as representative_level, r.body, r.term_starts_on, r.term_ends_on, r.status, (r.term_ends_on - @today) as days_left, r.version
        """;

    public const string From = """
        honors.representative r join honors.person p on p.id = r.person_id join honors.organization o on o.id = p.organization_id
        """;
}
