using RedSail.BuildingBlocks.Audit;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.Organizations;
using RedSail.Modules.Personnel.Features.Rules;

namespace RedSail.Modules.Personnel.Features.ListCommitteeTerms;

/// <summary>An organisation's committees by term, newest first, with their members and posts and where the current term stands.</summary>
internal sealed record ListCommitteeTerms(Guid OrganizationId) : IQuery<IReadOnlyList<CommitteeTermView>>;

internal sealed class CommitteeTermView
{
    public Guid Id { get; init; }
    public int TermNumber { get; init; }
    public DateOnly ElectedOn { get; init; }
    public int TermYears { get; init; }
    public DateOnly EndsOn { get; init; }
    public int EntitledVoters { get; init; }
    public int PresentVoters { get; init; }
    public string ElectionMethod { get; init; } = "";
    public string? ApprovalDocument { get; init; }
    public string? Notes { get; init; }
    public string Status { get; init; } = "";
    public DateOnly? EndedOn { get; init; }
    public long Version { get; init; }
    /// <summary>For the current term: in_term, expiring (within the rule set's notice) or expired; for the others, ended.</summary>
    public string State { get; set; } = "";
    public List<CommitteeMemberView> Members { get; } = [];
}

internal sealed record CommitteeMemberView(Guid Id, Guid TermId, Guid PersonId, string PersonName, string Post, DateOnly FromOn, DateOnly? ToOn,
    string? EndReason);

internal sealed class ListCommitteeTermsHandler(PersonnelDb db, RequestContext context, AuditTrail audit, IClock clock)
    : IRequestHandler<ListCommitteeTerms, IReadOnlyList<CommitteeTermView>>
{
    public async Task<IReadOnlyList<CommitteeTermView>> Handle(ListCommitteeTerms request, CancellationToken cancellationToken)
    {
        await OrganizationTree.EnsureReadableAsync(db, context, audit, request.OrganizationId, "personnel.committees.read", cancellationToken);
        var terms = (await db.QueryAsync<CommitteeTermView>("""
            select id, term_number, elected_on, term_years, ends_on, entitled_voters, present_voters, election_method, approval_document, notes,
                   status, ended_on, version
            from personnel.committee_term where organization_id = @OrganizationId order by term_number desc
            """, request, cancellationToken)).ToList();
        var members = await db.QueryAsync<CommitteeMemberView>("""
            select m.id, m.term_id, m.person_id, p.name as person_name, m.post, m.from_on, m.to_on, m.end_reason
            from personnel.committee_member m join personnel.person p on p.id = m.person_id
            where m.term_id = any(@ids) order by m.from_on, array_position(@posts, m.post), p.name
            """, new { ids = terms.Select(t => t.Id).ToArray(), posts = Domain.CommitteeRules.Posts.ToArray() }, cancellationToken);
        var byTerm = terms.ToDictionary(t => t.Id);
        foreach (var member in members) byTerm[member.TermId].Members.Add(member);
        var today = clock.Today;
        var notice = (await RuleBook.LoadAsync(db, cancellationToken)).At(today).TermReminderMonths;
        foreach (var term in terms)
            term.State = term.Status != "current" ? "ended"
                : term.EndsOn <= today ? "expired"
                : term.EndsOn <= today.AddMonths(notice) ? "expiring"
                : "in_term";
        return terms;
    }
}

internal static class ListCommitteeTermsEndpoint
{
    public static void MapListCommitteeTerms(this IEndpointRouteBuilder api) =>
        api.MapGet("/organizations/{id:guid}/committee-terms", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListCommitteeTerms(id), ct))
            .WithName("ListCommitteeTerms").WithSummary("历届委员会（任期、选举情况、委员及职务；现任届次标明是否临近届满或已届满）")
            .RequirePermission(PersonnelPermissions.Read);
}
