using RedSail.Modules.Workflow.Access;

namespace RedSail.Modules.Workflow.Features.Dues;

/// <summary>A member as the dues slices act on them: their branch and its place in the tree.</summary>
internal sealed record DuesMember(Guid Id, string Name, Guid OrganizationId, string OrganizationName, string Path, Guid? ParentId);

internal static class DuesMembers
{
    /// <summary>The member, if their organisation is in the caller's scope for <paramref name="permission"/>; 404 otherwise (nothing leaks).</summary>
    public static async Task<DuesMember> EnsureAsync(WorkflowDb db, RequestContext context, string permission, Guid personId, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<DuesMember>($"""
            select p.id, p.name, o.id as organizationid, o.name as organizationname, o.path::text as path, o.parent_id as parentid
            from workflow.person p join workflow.organization o on o.id = p.organization_id
            where p.id = @personId and {WorkflowScope.Within("o")}
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(permission), new { personId }), ct)
        ?? throw new NotFoundException("person", personId.ToString());
}
