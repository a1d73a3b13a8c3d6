using RedSail.Modules.Workflow.Features.Meetings;

namespace RedSail.Modules.Workflow.Features.RepublishMeetingQuotas;

/// <summary>
/// The daily re-publication of the current year's meeting quotas of every active branch (scheduled, <c>workflow.meeting-quotas</c>).
/// <c>MeetingQuotasCounted</c> is otherwise raised only when a meeting of the branch-year changes, so a branch that records
/// nothing — or whose rule set, committee or party groups changed without a meeting — would stay unknown or stale in Analytics'
/// heat map while the compliance board shows it red. Counted set-based by the board's own SQL; only branch-years whose counts
/// changed since the last publication are sent, so a repeat (or several hosts at once) adds nothing new.
/// </summary>
internal sealed record RepublishMeetingQuotas : ICommand<RepublishedMeetingQuotas>
{
    public string AuditAction => "workflow.compliance.quotas.republish";
}

internal sealed record RepublishedMeetingQuotas(int Year, int Published);

internal sealed class RepublishMeetingQuotasHandler(WorkflowDb db, IClock clock) : IRequestHandler<RepublishMeetingQuotas, RepublishedMeetingQuotas>
{
    public async Task<RepublishedMeetingQuotas> Handle(RepublishMeetingQuotas request, CancellationToken cancellationToken)
    {
        var year = clock.Today.Year;
        return new RepublishedMeetingQuotas(year,
            await MeetingPublications.PublishQuotasAsync(db, MeetingPublications.ActiveBranchesSql, null, year, cancellationToken, onlyChanged: true));
    }
}
