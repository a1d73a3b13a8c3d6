using RedSail.Modules.Workflow.Access;

namespace RedSail.Modules.Workflow.Features.Meetings;

/// <summary>A recorded meeting as commands find it, after the scope check on its organisation.</summary>
internal sealed class StoredMeeting
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public string Type { get; init; } = "";
    public DateOnly HeldOn { get; init; }
    public long Version { get; init; }
    public DateTime? RemovedAt { get; init; }
}

internal static class MeetingAccess
{
    /// <summary>
    /// The meeting, locked for the command, if its organisation is in the caller's scope for <paramref name="permission"/>
    /// (404 otherwise, as for a missing one), with the organisation.
    /// </summary>
    public static async Task<(StoredMeeting Meeting, ScopedOrganization Organization)> FindAsync(WorkflowDb db, RequestContext context,
        string permission, Guid meetingId, bool forUpdate, CancellationToken ct)
    {
        var meeting = await db.QuerySingleOrDefaultAsync<StoredMeeting>(
            $"select id, organization_id, type, held_on, version, removed_at from workflow.meeting where id = @meetingId{(forUpdate ? " for update" : "")}",
            new { meetingId }, ct) ?? throw new NotFoundException("meeting", meetingId.ToString());
        var organization = await WorkflowScope.EnsureAsync(db, context, permission, meeting.OrganizationId, ct);
        return (meeting, organization);
    }

    /// <summary>A removed meeting stays for the record but is no longer edited (422).</summary>
    public static void EnsureNotRemoved(StoredMeeting meeting)
    {
        if (meeting.RemovedAt is not null) throw new RuleViolationException("meeting_removed", "workflow.meetings.removed");
    }

    /// <summary>409 with the current version when the editor's copy is stale.</summary>
    public static void EnsureVersion(StoredMeeting meeting, long version)
    {
        if (meeting.Version != version) throw new ConcurrencyException(meeting.Version);
    }
}
