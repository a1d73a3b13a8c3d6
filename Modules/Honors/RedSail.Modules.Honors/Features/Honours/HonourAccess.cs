using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;

namespace RedSail.Modules.Honors.Features.Honours;

/// <summary>An honour's row as the commands on it need it.</summary>
internal sealed class HonourRow
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid? PersonId { get; init; }
    public string Type { get; init; } = "";
    public string Level { get; init; } = "";
    public string Title { get; init; } = "";
    public DateOnly AwardedOn { get; init; }
    public string Status { get; init; } = "";
    public long Version { get; init; }
}

internal static class HonourAccess
{
    /// <summary>
    /// The honour, if its organisation is in the caller's scope for <paramref name="permission"/>; 404 otherwise (as if it did
    /// not exist). Checks the version the caller saw (409). Locks the row for the command's transaction.
    /// </summary>
    public static async Task<HonourRow> FindForUpdateAsync(HonorsDb db, RequestContext context, string permission, Guid id, long? version,
        CancellationToken ct)
    {
        var honour = await db.QuerySingleOrDefaultAsync<HonourRow>($"""
            select h.id, h.organization_id, h.person_id, h.type, h.level, h.title, h.awarded_on, h.status, h.version
            from honors.honour h join honors.organization o on o.id = h.organization_id
            where h.id = @id and {HonorsScope.Within("o")} for update of h
            """, HonorsScope.Parameters(context, permission, new { id }), ct) ?? throw new NotFoundException("honour", id.ToString());
        if (version is not null && honour.Version != version) throw new ConcurrencyException(honour.Version);
        return honour;
    }

    /// <summary>The event of an honour entering the library.</summary>
    public static HonourApproved Approved(HonourRow honour) =>
        new(honour.Id, honour.OrganizationId, honour.PersonId, honour.Type, honour.Level, honour.Title, honour.AwardedOn);

    /// <summary>Appends to the honour's history (proposed, resubmitted, approved, rejected, withdrawn).</summary>
    public static Task RecordAsync(HonorsDb db, RequestContext context, Guid honourId, string action, string? reason, CancellationToken ct) =>
        db.ExecuteAsync("insert into honors.honour_history (honour_id, action, reason, acted_by) values (@honourId, @action, @reason, @by)",
            new { honourId, action, reason, by = context.Principal.UserId }, ct);
}

/// <summary>The version of an honour after a command.</summary>
internal sealed record HonourVersion(Guid Id, long Version) : IAuditedResult
{
    AuditTarget? IAuditedResult.AuditTarget => new("honour", Id.ToString());
}

/// <summary>A decision's body: the version seen, and the reason where one is needed.</summary>
internal sealed record HonourDecisionBody(string? Reason, long? Version);
