using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.Committees;
using RedSail.Modules.Personnel.Features.Organizations;

namespace RedSail.Modules.Personnel.Features.AddCommitteeMember;

/// <summary>A by-election or appointment during the term (增补、调整分工): a full member of the organisation takes a post from a date.</summary>
internal sealed record AddCommitteeMember(Guid TermId, long Version, Guid PersonId, string? Post, DateOnly? FromOn, string? Reason)
    : ICommand<CommitteeTermVersion>
{
    public string AuditAction => "personnel.committees.add_member";
    public AuditTarget AuditTarget => new("committee_term", TermId.ToString());
}

internal sealed record AddCommitteeMemberBody(long Version, Guid PersonId, string? Post, DateOnly? FromOn, string? Reason);

internal sealed record CommitteeTermVersion(Guid TermId, long Version);

internal sealed class AddCommitteeMemberValidator(IClock clock) : IValidator<AddCommitteeMember>
{
    public void Validate(AddCommitteeMember r, ValidationErrors errors)
    {
        if (r.Post is null || !CommitteeRules.Posts.Contains(r.Post)) errors.Add("post", "committee.post_unknown");
        if (r.FromOn is null) errors.Add("fromOn", "validation.required");
        else if (r.FromOn > clock.Today) errors.Add("fromOn", "person.date_in_future");
        errors.RequiredMax("reason", r.Reason, 500);
    }
}

/// <summary>The current term locked for a change of its members: in the caller's write scope (404), at the expected version (409).</summary>
internal static class CommitteeTermLock
{
    public sealed record Term(Guid Id, Guid OrganizationId, DateOnly ElectedOn, string Status, long Version);

    public static async Task<Term> LockCurrentAsync(PersonnelDb db, RequestContext context, Guid termId, long version, CancellationToken ct)
    {
        var term = await db.QuerySingleOrDefaultAsync<Term>($"""
            select t.id, t.organization_id, t.elected_on, t.status, t.version from personnel.committee_term t
            join personnel.organization o on o.id = t.organization_id
            where t.id = @termId and {PersonnelScope.Within("o")} for update of t
            """, PersonnelScope.Parameters(context.Principal.ScopeFor(PersonnelPermissions.Write), new { termId }), ct)
            ?? throw new NotFoundException("committee_term", termId.ToString());
        if (term.Version != version) throw new ConcurrencyException(term.Version);
        if (term.Status != "current")
            throw new RuleViolationException("committee_term_ended", "committee.term_ended");
        return term;
    }

    public static async Task<long> BumpAsync(PersonnelDb db, RequestContext context, Term term, DateOnly on, string reason, object after,
        CancellationToken ct)
    {
        await OrganizationTree.RecordAsync(db, context, [new HistoryEntry(term.OrganizationId, "committee_changed", on, reason, null, after)], ct);
        return await db.QuerySingleAsync<long>(
            "update personnel.committee_term set version = version + 1 where id = @Id returning version", term, ct);
    }
}

internal sealed class AddCommitteeMemberHandler(PersonnelDb db, RequestContext context) : IRequestHandler<AddCommitteeMember, CommitteeTermVersion>
{
    public async Task<CommitteeTermVersion> Handle(AddCommitteeMember request, CancellationToken cancellationToken)
    {
        var term = await CommitteeTermLock.LockCurrentAsync(db, context, request.TermId, request.Version, cancellationToken);
        if (request.FromOn < term.ElectedOn)
            new ValidationErrors().Add("fromOn", "committee.before_election", term.ElectedOn.ToString("yyyy-MM-dd")).ThrowIfAny();
        await CommitteeMembership.CheckEligibleAsync(db, term.OrganizationId, [request.PersonId], "members", cancellationToken);
        var sitting = (await db.QueryAsync<(Guid PersonId, string Post)>(
            "select person_id, post from personnel.committee_member where term_id = @TermId and to_on is null", request, cancellationToken)).ToList();
        var errors = new ValidationErrors();
        if (sitting.Any(s => s.PersonId == request.PersonId)) errors.Add("personId", "committee.member_twice");
        if (request.Post == CommitteeRules.Secretary && sitting.Any(s => s.Post == CommitteeRules.Secretary)) errors.Add("post", "committee.one_secretary");
        errors.ThrowIfAny();
        await db.ExecuteAsync("""
            insert into personnel.committee_member (id, term_id, person_id, post, from_on) values (@id, @TermId, @PersonId, @Post, @FromOn)
            """, new { id = Guid.CreateVersion7(), request.TermId, request.PersonId, request.Post, request.FromOn }, cancellationToken);
        var version = await CommitteeTermLock.BumpAsync(db, context, term, request.FromOn!.Value, request.Reason!.Trim(),
            new { added = request.PersonId, request.Post }, cancellationToken);
        return new CommitteeTermVersion(term.Id, version);
    }
}

internal static class AddCommitteeMemberEndpoint
{
    public static void MapAddCommitteeMember(this IEndpointRouteBuilder api) =>
        api.MapPost("/committee-terms/{termId:guid}/members", (Guid termId, AddCommitteeMemberBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new AddCommitteeMember(termId, b.Version, b.PersonId, b.Post, b.FromOn, b.Reason), ct))
            .WithName("AddCommitteeMember").WithSummary("届中增补或调整委员（须为本组织正式党员；书记仅一名）")
            .RequirePermission(PersonnelPermissions.Write);
}
