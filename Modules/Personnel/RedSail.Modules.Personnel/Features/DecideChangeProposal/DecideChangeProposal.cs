using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.People;
using RedSail.Modules.Personnel.Features.SelfService;

namespace RedSail.Modules.Personnel.Features.DecideChangeProposal;

/// <summary>
/// The branch approves a member's proposed change — the phone and traits are written as proposed, on the timeline as
/// self-service — or sends it back with the reason. Either way the proposal is closed.
/// </summary>
internal sealed record DecideChangeProposal(Guid ProposalId, long Version, bool Approve, string? Reason) : ICommand<DecidedProposal>
{
    public string AuditAction => Approve ? "personnel.self.approve" : "personnel.self.reject";
    public AuditTarget AuditTarget => new("change_proposal", ProposalId.ToString());
}

internal sealed record DecideChangeProposalBody(long Version, bool Approve, string? Reason);

internal sealed record DecidedProposal(Guid Id, string Status, long Version);

internal sealed class DecideChangeProposalValidator : IValidator<DecideChangeProposal>
{
    public void Validate(DecideChangeProposal r, ValidationErrors errors)
    {
        if (r.Approve) errors.MaxLength("reason", r.Reason, 500);
        else errors.RequiredMax("reason", r.Reason, 500);
    }
}

internal sealed class DecideChangeProposalHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, IClock clock)
    : IRequestHandler<DecideChangeProposal, DecidedProposal>
{
    public async Task<DecidedProposal> Handle(DecideChangeProposal request, CancellationToken cancellationToken)
    {
        var proposal = await db.QuerySingleOrDefaultAsync<Proposal>($"""
            select c.id, c.person_id, p.organization_id, c.status, c.proposed::text as proposed, c.secret, c.version
            from personnel.change_proposal c join personnel.person p on p.id = c.person_id join personnel.organization o on o.id = p.organization_id
            where c.id = @ProposalId and {PersonnelScope.Within("o")}
            for update of c, p
            """, PersonnelScope.Parameters(context.Principal.ScopeFor(PersonnelPermissions.Write), new { request.ProposalId }), cancellationToken)
            ?? throw new NotFoundException("change_proposal", request.ProposalId.ToString());
        if (proposal.Version != request.Version) throw new ConcurrencyException(proposal.Version);
        if (proposal.Status != "pending") throw new RuleViolationException("proposal_decided", "self.already_decided");
        if (proposal.PersonId == await ChangeProposals.MyPersonIdAsync(db, context, cancellationToken))
            throw new ForbiddenException("self.no_self_approval", "self_approval");

        if (request.Approve) await ApplyAsync(proposal, cancellationToken);
        var status = request.Approve ? "approved" : "rejected";
        var version = await db.QuerySingleAsync<long>("""
            update personnel.change_proposal set status = @status, decided_by = @decidedBy, decided_at = now(), decision_reason = @reason,
                version = version + 1
            where id = @ProposalId returning version
            """, new { status, decidedBy = context.Principal.UserId, reason = request.Reason?.Trim(), request.ProposalId }, cancellationToken);
        return new DecidedProposal(proposal.Id, status, version);
    }

    private async Task ApplyAsync(Proposal proposal, CancellationToken ct)
    {
        var today = clock.Today;
        var proposed = ChangeProposals.Read(proposal.Proposed);
        var secret = ChangeProposals.Unseal(proposal.Secret, cipher);
        if (secret.Remove("phone", out var phone))
        {
            await db.ExecuteAsync("update personnel.person set phone_cipher = @phone, version = version + 1, updated_at = now() where id = @PersonId",
                new { phone = cipher.Encrypt(phone), proposal.PersonId }, ct);
            await PersonWrites.RecordChangeAsync(db, context, proposal.PersonId, "self_service", today, null, null,
                new { phoneChanged = true, proposalId = proposal.Id }, ct);
        }
        var traits = proposed.Traits.Concat(secret).ToDictionary();
        if (traits.Count == 0) return;
        var set = ChangeProposals.Traits;
        var current = await db.QuerySingleOrDefaultAsync<PersonRecordRow>($"""
            select {PersonRecordRow.Columns} from {PersonRecordRow.From}
            where r.person_id = @PersonId and r.set_kind = 'traits' and r.removed_at is null and r.valid_to is null
            for update of r
            """, proposal, ct);
        if (current is null)
        {
            var id = await PersonRecords.InsertAsync(db, cipher, set, proposal.PersonId, null, null, traits, null, ct);
            await PersonRecords.AnnounceAsync(db, context, set, proposal.PersonId, proposal.OrganizationId, id, "added", today, "self_service",
                null, null, null, traits, ct);
            return;
        }
        var before = PersonRecords.Values(current, cipher);
        var after = new Dictionary<string, string>(before);
        foreach (var (key, value) in traits) after[key] = value;
        await PersonRecords.UpdateAsync(db, cipher, set, current.Id, current.ValidFrom, current.ValidTo, after, null, ct);
        await PersonRecords.AnnounceAsync(db, context, set, proposal.PersonId, proposal.OrganizationId, current.Id, "updated", today, "self_service",
            current.ValidFrom, current.ValidTo, before, after, ct);
    }

    private sealed class Proposal
    {
        public Guid Id { get; init; }
        public Guid PersonId { get; init; }
        public Guid OrganizationId { get; init; }
        public string Status { get; init; } = "";
        public string Proposed { get; init; } = "{}";
        public byte[]? Secret { get; init; }
        public long Version { get; init; }
    }
}

internal static class DecideChangeProposalEndpoint
{
    public static void MapDecideChangeProposal(this IEndpointRouteBuilder api) =>
        api.MapPost("/change-proposals/{id:guid}/decision", (Guid id, DecideChangeProposalBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new DecideChangeProposal(id, b.Version, b.Approve, b.Reason), ct))
            .WithName("DecideChangeProposal").WithSummary("审核党员自助变更申请（通过即写入；退回须注明原因）")
            .RequirePermission(PersonnelPermissions.Write);
}
