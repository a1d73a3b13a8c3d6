using RedSail.BuildingBlocks.Audit;
using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;

namespace RedSail.Modules.Archives.Features.Documents;

/// <summary>
/// Finding one document the caller may see (<see cref="ArchivesScope.Visible"/>). A document that exists but is above the
/// caller's level or outside their scope answers 404 like a missing one, and the refusal goes to the audit trail.
/// </summary>
internal static class DocumentAccess
{
    public static async Task<VisibleDocument> FindVisibleAsync(ArchivesDb db, RequestContext context, AuditTrail audit, Guid documentId,
        string action, CancellationToken ct, bool forUpdate = false)
    {
        var found = await db.QuerySingleOrDefaultAsync<VisibleDocument>($"""
            select d.id, d.organization_id, d.version, d.security_level, d.removed_at is not null as removed, {ArchivesScope.Visible("d")} as visible
            from archives.document d where d.id = @documentId {(forUpdate ? "for update" : "")}
            """, ArchivesScope.Parameters(context, new { documentId }), ct);
        if (found is null || found.Removed) throw new NotFoundException("document", documentId.ToString());
        if (!found.Visible)
        {
            await audit.RecordAsync(context, new AuditEntry(action, AuditResult.Denied, "document", documentId.ToString(),
                found.OrganizationId.ToString(), $"security_level={found.SecurityLevel}"), CancellationToken.None);
            throw new NotFoundException("document", documentId.ToString());
        }
        return found;
    }

    /// <summary><see cref="FindVisibleAsync"/>, locked, and its organisation in the caller's write scope (404 otherwise).</summary>
    public static async Task<VisibleDocument> FindWritableAsync(ArchivesDb db, RequestContext context, AuditTrail audit, Guid documentId,
        string action, CancellationToken ct)
    {
        var document = await FindVisibleAsync(db, context, audit, documentId, action, ct, forUpdate: true);
        await ArchivesScope.EnsureOrganizationAsync(db, context, ArchivesPermissions.Write, document.OrganizationId, ct);
        return document;
    }
}

internal sealed class VisibleDocument
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public long Version { get; init; }
    public int SecurityLevel { get; init; }
    public bool Removed { get; init; }
    public bool Visible { get; init; }
}
