using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Workflow.Contracts;

/// <summary>
/// A meeting of organisational life was recorded or corrected (a state event: the newest by OccurredAt is the meeting as it
/// is). <see cref="BranchId"/> is the branch it counts for (a party group's meetings count for the branch above it);
/// <see cref="RecordedAt"/> is when it was first entered (for "recorded within N days of being held").
/// Type: general_meeting | committee_meeting | group_meeting | party_lecture | theme_day | life_meeting | democratic_review | heart_to_heart_talk.
/// </summary>
public sealed record MeetingRecorded(Guid MeetingId, Guid OrganizationId, Guid BranchId, string Type, DateOnly HeldOn, int Expected, int Present,
    bool? QuorumMet, DateTimeOffset RecordedAt) : IntegrationEvent;

/// <summary>A meeting recorded by mistake was withdrawn: it no longer counts anywhere.</summary>
public sealed record MeetingRemoved(Guid MeetingId, Guid OrganizationId, string Reason) : IntegrationEvent;

/// <summary>
/// A branch's meeting quotas of a year as Workflow's compliance board counts them (a state event: the newest by OccurredAt
/// replaces the branch-year), raised whenever a meeting of the branch in that year is recorded, corrected or removed. Each
/// quota: the meetings of a type required in one period by the rule set in force when the period began (a 支委会 only with a
/// committee, 党小组会 per active party group) and how many were held (capped at the requirement, per group). Receivers judge
/// the status themselves against their today (green met, yellow running, red ended unmet, upcoming not begun).
/// </summary>
public sealed record MeetingQuotasCounted(Guid BranchId, int Year, IReadOnlyList<MeetingQuotaCount> Quotas) : IntegrationEvent;

/// <summary>Per: month | quarter | year; the period's first and last day.</summary>
public sealed record MeetingQuotaCount(string Type, string Per, DateOnly StartsOn, DateOnly EndsOn, int Required, int Held);
