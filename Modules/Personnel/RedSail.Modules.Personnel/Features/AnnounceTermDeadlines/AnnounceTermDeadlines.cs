using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.Rules;

namespace RedSail.Modules.Personnel.Features.AnnounceTermDeadlines;

/// <summary>
/// Announces committee terms that come within the rule set's notice of their end (<see cref="OrganizationTermExpiring"/>)
/// and those that have ended without a new election (<see cref="OrganizationTermExpired"/>), each once per term. Sent
/// hourly by the host; each term is claimed by one atomic update, so hosts running side by side never announce twice.
/// </summary>
internal sealed record AnnounceTermDeadlines : ICommand<AnnouncedTermDeadlines>
{
    public string AuditAction => "personnel.committees.announce_deadlines";
    public AuditTarget? AuditTarget => null;
}

internal sealed record AnnouncedTermDeadlines(int Expiring, int Expired) : IAuditedResult
{
    public AuditTarget? AuditTarget => null;
    public bool Remarkable => Expiring + Expired > 0;
}

internal sealed class AnnounceTermDeadlinesHandler(PersonnelDb db, IClock clock) : IRequestHandler<AnnounceTermDeadlines, AnnouncedTermDeadlines>
{
    public async Task<AnnouncedTermDeadlines> Handle(AnnounceTermDeadlines request, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var notice = (await RuleBook.LoadAsync(db, cancellationToken)).At(today).TermReminderMonths;
        var expired = (await db.QueryAsync<Term>("""
            update personnel.committee_term set expired_announced_at = now(), expiring_announced_at = coalesce(expiring_announced_at, now())
            where status = 'current' and expired_announced_at is null and ends_on <= @today
            returning id, organization_id, ends_on
            """, new { today }, cancellationToken)).ToList();
        var expiring = (await db.QueryAsync<Term>("""
            update personnel.committee_term set expiring_announced_at = now()
            where status = 'current' and expiring_announced_at is null and ends_on <= @noticeFrom
            returning id, organization_id, ends_on
            """, new { noticeFrom = today.AddMonths(notice) }, cancellationToken)).ToList();
        foreach (var t in expiring) await db.PublishAsync(new OrganizationTermExpiring(t.OrganizationId, t.Id, t.EndsOn), cancellationToken);
        foreach (var t in expired) await db.PublishAsync(new OrganizationTermExpired(t.OrganizationId, t.Id, t.EndsOn), cancellationToken);
        return new AnnouncedTermDeadlines(expiring.Count, expired.Count);
    }

    private sealed record Term(Guid Id, Guid OrganizationId, DateOnly EndsOn);
}
