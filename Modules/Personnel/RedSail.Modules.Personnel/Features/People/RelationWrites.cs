using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.People;

/// <summary>A relation command's answer: where the person's membership is kept now, and the person's version.</summary>
internal sealed record UpdatedRelation(Guid Id, Guid OrganizationId, string Relation, long Version);

/// <summary>Checks and the write the relation slices share.</summary>
internal static class RelationWrites
{
    public static void EffectiveDate(DateOnly? on, DateOnly today, ValidationErrors errors)
    {
        if (on is null) errors.Add("effectiveOn", "validation.required");
        else if (on > today) errors.Add("effectiveOn", "person.date_in_future");
    }

    /// <summary>Dues paid up to a month (yyyy-MM), not after the transfer's month.</summary>
    public static void DuesMonth(string? month, DateOnly? on, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(month)) return;
        if (!Relation.IsMonth(month)) errors.Add("duesPaidUpTo", "relation.month_format");
        else if (on is { } date && string.CompareOrdinal(month, date.ToString("yyyy-MM")) > 0) errors.Add("duesPaidUpTo", "relation.dues_after_transfer");
    }

    /// <summary>Sets the relation (and the organisation) from a date; returns the person's new version.</summary>
    public static Task<long> SetAsync(PersonnelDb db, Guid personId, Guid organizationId, string relation, DateOnly on, CancellationToken ct) =>
        db.QuerySingleAsync<long>("""
            update personnel.person set relation = @relation, relation_since = @on, organization_id = @organizationId,
                version = version + 1, updated_at = now()
            where id = @personId returning version
            """, new { personId, organizationId, relation, on }, ct);
}
