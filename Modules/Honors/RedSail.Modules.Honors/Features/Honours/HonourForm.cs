using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;

namespace RedSail.Modules.Honors.Features.Honours;

/// <summary>What a proposal says about an honour (proposing and editing share it; the import maps its rows onto it).</summary>
internal interface IHonourForm
{
    Guid? PersonId { get; }
    Guid? OrganizationId { get; }
    string? HonourType { get; }
    string? HonourLevel { get; }
    string? Title { get; }
    string? ConferringBody { get; }
    DateOnly? AwardedOn { get; }
    string? DocumentNumber { get; }
}

internal static class HonourForm
{
    public static void Validate(IHonourForm form, ValidationErrors errors, DateOnly today)
    {
        if (form.PersonId is null && form.OrganizationId is null) errors.Add("personId", "honors.holder_required");
        var type = HonourTypes.Find(form.HonourType);
        if (type is null) errors.Add("honourType", "validation.invalid");
        else if (!HonourTypes.Allows(type, person: form.PersonId is not null))
            errors.Add("honourType", form.PersonId is null ? "honors.type_for_people" : "honors.type_for_organizations");
        if (!HonourLevels.IsKnown(form.HonourLevel)) errors.Add("honourLevel", "validation.invalid");
        errors.RequiredMax("title", form.Title, 200);
        errors.RequiredMax("conferringBody", form.ConferringBody, 200);
        if (form.AwardedOn is null) errors.Add("awardedOn", "validation.required");
        else if (form.AwardedOn > today) errors.Add("awardedOn", "honors.date_in_future");
        else if (form.AwardedOn.Value.Year < 1921) errors.Add("awardedOn", "honors.date_too_early");
        errors.MaxLength("documentNumber", form.DocumentNumber, 100);
    }

    /// <summary>
    /// The holder's organisation, in the caller's scope for <paramref name="permission"/>: a person's own organisation
    /// (the person must be in Honors' copy), or the organisation itself. Out of scope or unknown: 404.
    /// </summary>
    public static async Task<Guid> HolderOrganizationAsync(HonorsDb db, RequestContext context, string permission, IHonourForm form,
        CancellationToken ct)
    {
        var organizationId = form.PersonId is { } personId
            ? await db.QuerySingleOrDefaultAsync<Guid?>("select organization_id from honors.person where id = @personId", new { personId }, ct)
              ?? throw new NotFoundException("person", personId.ToString())
            : form.OrganizationId!.Value;
        try
        {
            return (await HonorsScope.EnsureAsync(db, context, permission, organizationId, ct)).Id;
        }
        catch (NotFoundException) when (form.PersonId is not null)
        {
            throw new NotFoundException("person", form.PersonId.ToString());
        }
    }

    public static object Columns(IHonourForm form) => new
    {
        personId = form.PersonId, type = form.HonourType, level = form.HonourLevel, title = form.Title!.Trim(),
        conferringBody = form.ConferringBody!.Trim(), awardedOn = form.AwardedOn!.Value,
        documentNumber = string.IsNullOrWhiteSpace(form.DocumentNumber) ? null : form.DocumentNumber.Trim(),
    };
}
