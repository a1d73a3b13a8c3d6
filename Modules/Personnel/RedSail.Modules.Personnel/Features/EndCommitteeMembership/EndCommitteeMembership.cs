using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.AddCommitteeMember;

namespace RedSail.Modules.Personnel.Features.EndCommitteeMembership;

/// <summary>A member leaves the committee during the term (免去、调离、辞去), from a date, with the reason; the seat's history stays.</summary>
internal sealed record EndCommitteeMembership(Guid TermId, Guid MemberId, long Version, DateOnly? ToOn, string? Reason) : ICommand<CommitteeTermVersion>
{
    public string AuditAction => "personnel.committees.end_member";
    public AuditTarget AuditTarget => new("committee_term", TermId.ToString());
}

internal sealed record EndCommitteeMembershipBody(long Version, DateOnly? ToOn, string? Reason);

internal sealed class EndCommitteeMembershipValidator(IClock clock) : IValidator<EndCommitteeMembership>
{
    public void Validate(EndCommitteeMembership r, ValidationErrors errors)
    {
        if (r.ToOn is null) errors.Add("toOn", "validation.required");
        else if (r.ToOn > clock.Today) errors.Add("toOn", "person.date_in_future");
        errors.RequiredMax("reason", r.Reason, 500);
    }
}

internal sealed class EndCommitteeMembershipHandler(PersonnelDb db, RequestContext context)
    : IRequestHandler<EndCommitteeMembership, CommitteeTermVersion>
{
    public async Task<CommitteeTermVersion> Handle(EndCommitteeMembership request, CancellationToken cancellationToken)
    {
        var term = await CommitteeTermLock.LockCurrentAsync(db, context, request.TermId, request.Version, cancellationToken);
        var from = await db.QuerySingleOrDefaultAsync<DateOnly?>("""
            select from_on from personnel.committee_member where id = @MemberId and term_id = @TermId and to_on is null
            """, request, cancellationToken) ?? throw new NotFoundException("committee_member", request.MemberId.ToString());
        if (request.ToOn < from) new ValidationErrors().Add("toOn", "records.period_order").ThrowIfAny();
        await db.ExecuteAsync("update personnel.committee_member set to_on = @ToOn, end_reason = @Reason where id = @MemberId",
            new { request.ToOn, Reason = request.Reason!.Trim(), request.MemberId }, cancellationToken);
        var version = await CommitteeTermLock.BumpAsync(db, context, term, request.ToOn!.Value, request.Reason!.Trim(),
            new { ended = request.MemberId }, cancellationToken);
        return new CommitteeTermVersion(term.Id, version);
    }
}

internal static class EndCommitteeMembershipEndpoint
{
    public static void MapEndCommitteeMembership(this IEndpointRouteBuilder api) =>
        api.MapPost("/committee-terms/{termId:guid}/members/{memberId:guid}/end", (Guid termId, Guid memberId, EndCommitteeMembershipBody b,
                IMediator mediator, CancellationToken ct) => mediator.Send(new EndCommitteeMembership(termId, memberId, b.Version, b.ToOn, b.Reason), ct))
            .WithName("EndCommitteeMembership").WithSummary("届中免去委员职务（保留任职记录与原因）")
            .RequirePermission(PersonnelPermissions.Write);
}
