using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Workflow.Contracts;

/// <summary>
/// A branch-month's dues totals changed (month generated, payment, back pay, reduction): a state event, the newest by
/// OccurredAt is the branch-month as it is. Due is after reductions; Paid counts at most what was due per member. Members
/// counted are those owing something that month; paid means settled in full, on time by the month's last day.
/// </summary>
public sealed record DuesMonthTotalsChanged(Guid OrganizationId, DateOnly Month, decimal Due, decimal Paid, int MembersDue, int MembersPaid,
    int MembersPaidOnTime) : IntegrationEvent;
