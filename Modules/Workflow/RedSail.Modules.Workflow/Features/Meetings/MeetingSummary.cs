namespace RedSail.Modules.Workflow.Features.Meetings;

/// <summary>A meeting as lists and the calendar show it.</summary>
internal sealed class MeetingSummary
{
    /// <summary>The columns of <c>workflow.meeting m</c> joined with its organisation <c>o</c>.</summary>
    public const string Columns = """
        m.id, m.organization_id, o.name as organization_name, m.type, m.held_on, m.starts_at, m.ends_at, m.place, m.topic, m.host_name,
        m.recorder_name, m.expected, m.present, m.quorum_required, m.quorum_met, m.version,
        (select count(*)::int from workflow.meeting_attachment f where f.meeting_id = m.id) as attachment_count
        """;

    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public string Type { get; init; } = "";
    public DateOnly HeldOn { get; init; }
    public DateTime StartsAt { get; init; }
    public DateTime? EndsAt { get; init; }
    public string Place { get; init; } = "";
    public string Topic { get; init; } = "";
    public string HostName { get; init; } = "";
    public string RecorderName { get; init; } = "";
    public int Expected { get; init; }
    public int Present { get; init; }
    public bool QuorumRequired { get; init; }
    public bool? QuorumMet { get; init; }
    public long Version { get; init; }
    public int AttachmentCount { get; init; }
}
