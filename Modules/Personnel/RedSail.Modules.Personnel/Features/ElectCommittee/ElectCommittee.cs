using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.Committees;
using RedSail.Modules.Personnel.Features.Organizations;
using RedSail.Modules.Personnel.Features.Rules;

namespace RedSail.Modules.Personnel.Features.ElectCommittee;

/// <summary>
/// Records an election (换届选举): the new committee and its posts, the election record, and the term that follows
/// from the rule set in force on the election day (党委 5 years, 总支/支部 3). The previous term ends that day.
/// </summary>
internal sealed record ElectCommittee(Guid OrganizationId, DateOnly? ElectedOn, int? EntitledVoters, int? PresentVoters, string? ElectionMethod,
    string? ApprovalDocument, string? Notes, IReadOnlyList<CommitteeSeatInput>? Members) : ICommand<ElectedCommittee>
{
    public string AuditAction => "personnel.committees.elect";
    public AuditTarget AuditTarget => new("organization", OrganizationId.ToString(), OrganizationId.ToString());
}

internal sealed record CommitteeSeatInput(Guid PersonId, string? Post);

internal sealed record ElectCommitteeBody(DateOnly? ElectedOn, int? EntitledVoters, int? PresentVoters, string? ElectionMethod, string? ApprovalDocument,
    string? Notes, IReadOnlyList<CommitteeSeatInput>? Members);

internal sealed record ElectedCommittee(Guid TermId, int TermNumber, DateOnly EndsOn) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("committee_term", TermId.ToString());
}

internal sealed class ElectCommitteeValidator(IClock clock) : IValidator<ElectCommittee>
{
    public void Validate(ElectCommittee r, ValidationErrors errors)
    {
        if (r.ElectedOn is null) errors.Add("electedOn", "validation.required");
        else if (r.ElectedOn > clock.Today) errors.Add("electedOn", "person.date_in_future");
        if (r.EntitledVoters is not > 0) errors.Add("entitledVoters", "committee.positive");
        if (r.PresentVoters is not > 0) errors.Add("presentVoters", "committee.positive");
        else if (r.PresentVoters > r.EntitledVoters) errors.Add("presentVoters", "committee.present_exceeds_entitled");
        if (r.ElectionMethod is null || !CommitteeRules.Methods.Contains(r.ElectionMethod)) errors.Add("electionMethod", "committee.method_unknown");
        errors.MaxLength("approvalDocument", r.ApprovalDocument, 64).MaxLength("notes", r.Notes, 2000);
        if (r.Members is not { Count: > 0 }) errors.Add("members", "validation.required");
        else CommitteeRules.CheckMembers(r.Members.Select(m => (m.PersonId, m.Post)).ToList(), errors);
    }
}

internal sealed class ElectCommitteeHandler(PersonnelDb db, RequestContext context) : IRequestHandler<ElectCommittee, ElectedCommittee>
{
    public async Task<ElectedCommittee> Handle(ElectCommittee request, CancellationToken cancellationToken)
    {
        var organization = await OrganizationTree.LockPlaceAsync(db, context, request.OrganizationId, "organizationId", cancellationToken);
        var electedOn = request.ElectedOn!.Value;
        var rules = (await RuleBook.LoadAsync(db, cancellationToken)).At(electedOn);
        if (rules.TermYears(organization.Type) is not { } years)
            throw new RuleViolationException("committee_not_applicable", "committee.not_applicable");
        var errors = new ValidationErrors();
        if (!CommitteeRules.HasQuorum(request.EntitledVoters!.Value, request.PresentVoters!.Value, rules))
            errors.Add("presentVoters", "committee.no_quorum", rules.ElectionQuorumPercent);
        var (min, max) = CommitteeRules.Size(organization.Type, await CommitteeMembership.CountAsync(db, organization.Id, cancellationToken), rules);
        if (request.Members!.Count < min || request.Members.Count > max) errors.Add("members", "committee.size", min, max);
        errors.ThrowIfAny();
        await CommitteeMembership.CheckEligibleAsync(db, organization.Id, request.Members.Select(m => m.PersonId).ToList(), "members", cancellationToken);

        var previous = await db.QuerySingleOrDefaultAsync<PreviousTerm>("""
            select id, term_number, elected_on from personnel.committee_term
            where organization_id = @Id and status = 'current' for update
            """, organization, cancellationToken);
        if (previous is not null && electedOn <= previous.ElectedOn)
            new ValidationErrors().Add("electedOn", "committee.before_previous", previous.ElectedOn.ToString("yyyy-MM-dd")).ThrowIfAny();
        if (previous is not null)
            await db.ExecuteAsync("""
                update personnel.committee_term set status = 'ended', ended_on = @electedOn, version = version + 1 where id = @id;
                update personnel.committee_member set to_on = @electedOn, end_reason = 'term_ended' where term_id = @id and to_on is null;
                """, new { id = previous.Id, electedOn }, cancellationToken);

        var termId = Guid.CreateVersion7();
        var termNumber = (previous?.TermNumber ?? 0) + 1;
        var endsOn = electedOn.AddYears(years);
        await db.ExecuteAsync("""
            insert into personnel.committee_term (id, organization_id, term_number, elected_on, term_years, ends_on, entitled_voters, present_voters,
                election_method, approval_document, notes, recorded_by)
            values (@termId, @organizationId, @termNumber, @electedOn, @years, @endsOn, @EntitledVoters, @PresentVoters, @ElectionMethod,
                @ApprovalDocument, @Notes, @recordedBy);
            insert into personnel.committee_member (id, term_id, person_id, post, from_on)
            select gen_random_uuid(), @termId, m.person_id, m.post, @electedOn from unnest(@personIds, @posts) as m(person_id, post);
            """, new
            {
                termId, organizationId = organization.Id, termNumber, electedOn, years, endsOn, request.EntitledVoters, request.PresentVoters,
                request.ElectionMethod, ApprovalDocument = request.ApprovalDocument?.Trim(), Notes = request.Notes?.Trim(),
                recordedBy = context.Principal.UserId,
                personIds = request.Members.Select(m => m.PersonId).ToArray(), posts = request.Members.Select(m => m.Post!).ToArray(),
            }, cancellationToken);
        await OrganizationTree.RecordAsync(db, context, [new HistoryEntry(organization.Id, "committee_elected", electedOn, request.Notes, null,
            new { termNumber, endsOn, members = request.Members.Count })], cancellationToken);
        await db.PublishAsync(new CommitteeElected(organization.Id, termId, termNumber, electedOn, endsOn,
            request.Members.Select(m => new CommitteeSeat(m.PersonId, m.Post!)).ToList()), cancellationToken);
        return new ElectedCommittee(termId, termNumber, endsOn);
    }

    private sealed record PreviousTerm(Guid Id, int TermNumber, DateOnly ElectedOn);
}

internal static class ElectCommitteeEndpoint
{
    public static void MapElectCommittee(this IEndpointRouteBuilder api) =>
        api.MapPost("/organizations/{id:guid}/committee-terms", async (Guid id, ElectCommitteeBody b, IMediator mediator, CancellationToken ct) =>
            {
                var elected = await mediator.Send(new ElectCommittee(id, b.ElectedOn, b.EntitledVoters, b.PresentVoters, b.ElectionMethod,
                    b.ApprovalDocument, b.Notes, b.Members), ct);
                return Results.Created($"/api/personnel/organizations/{id}/committee-terms", elected);
            })
            .WithName("ElectCommittee").WithSummary("换届选举：登记新一届委员会、职务与选举情况，任期按规则集计算，上一届同日届满")
            .RequirePermission(PersonnelPermissions.Write);
}
