using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.NominateForRound;

/// <summary>
/// A branch nominates one of its members (or itself, for an organisation's honour) in an open round, within its quota and
/// the round's window; once per holder and round.
/// </summary>
internal sealed record NominateForRound(Guid RoundId, Guid? OrganizationId, Guid? PersonId, string? Reason) : ICommand<NominationVersion>
{
    public string AuditAction => "honors.rounds.nominate";
    public AuditTarget AuditTarget => new("nomination_round", RoundId.ToString(), OrganizationId?.ToString());
}

internal sealed record NominateForRoundBody(Guid? OrganizationId, Guid? PersonId, string? Reason);

internal sealed record NominationVersion(Guid Id, long Version) : IAuditedResult
{
    AuditTarget? IAuditedResult.AuditTarget => new("nomination", Id.ToString());
}

internal sealed class NominateForRoundValidator : IValidator<NominateForRound>
{
    public void Validate(NominateForRound request, ValidationErrors errors)
    {
        if (request.OrganizationId is null) errors.Add("organizationId", "validation.required");
        errors.RequiredMax("reason", request.Reason, 2000);
    }
}

internal sealed class NominateForRoundHandler(HonorsDb db, RequestContext context, IClock clock) : IRequestHandler<NominateForRound, NominationVersion>
{
    private sealed class Round
    {
        public string Type { get; init; } = "";
        public DateOnly OpensOn { get; init; }
        public DateOnly ClosesOn { get; init; }
        public int QuotaPerBranch { get; init; }
    }

    public async Task<NominationVersion> Handle(NominateForRound request, CancellationToken cancellationToken)
    {
        // The round's row is locked so that two nominations of one branch at once cannot both fit the last place.
        var round = await db.QuerySingleOrDefaultAsync<Round>(
            "select type, opens_on, closes_on, quota_per_branch from honors.nomination_round where id = @RoundId for update", request, cancellationToken)
            ?? throw new NotFoundException("nomination_round", request.RoundId.ToString());
        var branch = await HonorsScope.EnsureAsync(db, context, HonorsPermissions.Write, request.OrganizationId!.Value, cancellationToken);
        var today = clock.Today;
        if (today < round.OpensOn || today > round.ClosesOn)
            throw new RuleViolationException("round_not_open", "honors.rounds.not_open", round.OpensOn.ToString("yyyy-MM-dd"), round.ClosesOn.ToString("yyyy-MM-dd"));
        var type = HonourTypes.Find(round.Type)!;
        if (!HonourTypes.Allows(type, person: request.PersonId is not null))
            new ValidationErrors().Add("personId", request.PersonId is null ? "honors.type_for_people" : "honors.type_for_organizations").ThrowIfAny();
        if (request.PersonId is { } personId)
        {
            var holderOrganization = await HonourForm.HolderOrganizationAsync(db, context, HonorsPermissions.Write,
                new Holder(personId), cancellationToken);
            var inBranch = await db.ExecuteScalarAsync<bool>("""
                select (select path from honors.organization where id = @holderOrganization) <@ (select path from honors.organization where id = @branch)
                """, new { holderOrganization, branch = branch.Id }, cancellationToken);
            if (!inBranch) new ValidationErrors().Add("personId", "honors.rounds.person_not_in_branch", branch.Name).ThrowIfAny();
        }
        var used = await db.ExecuteScalarAsync<int>("select count(*)::int from honors.nomination where round_id = @RoundId and organization_id = @branch",
            new { request.RoundId, branch = branch.Id }, cancellationToken);
        if (used >= round.QuotaPerBranch) throw new RuleViolationException("quota_reached", "honors.rounds.quota_reached", branch.Name, round.QuotaPerBranch);
        var id = Guid.CreateVersion7();
        var added = await db.ExecuteAsync("""
            insert into honors.nomination (id, round_id, organization_id, person_id, reason, nominated_by)
            values (@id, @RoundId, @branch, @PersonId, @reason, @by) on conflict do nothing
            """, new { id, request.RoundId, branch = branch.Id, request.PersonId, reason = request.Reason!.Trim(), by = context.Principal.UserId },
            cancellationToken);
        if (added == 0) throw new RuleViolationException("already_nominated", "honors.rounds.already_nominated");
        return new NominationVersion(id, 1);
    }

    /// <summary>A person as the holder of an honour, to find their organisation in scope.</summary>
    private sealed record Holder(Guid? PersonId) : IHonourForm
    {
        public Guid? OrganizationId => null;
        public string? HonourType => null;
        public string? HonourLevel => null;
        public string? Title => null;
        public string? ConferringBody => null;
        public DateOnly? AwardedOn => null;
        public string? DocumentNumber => null;
    }
}

internal static class NominateForRoundEndpoint
{
    public static void MapNominateForRound(this IEndpointRouteBuilder api) =>
        api.MapPost("/rounds/{id:guid}/nominations", async (Guid id, NominateForRoundBody b, IMediator mediator, CancellationToken ct) =>
            {
                var nominated = await mediator.Send(new NominateForRound(id, b.OrganizationId, b.PersonId, b.Reason), ct);
                return Results.Created($"/api/honors/rounds/{id}/nominations", nominated);
            })
            .WithName("NominateForRound").WithSummary("支部在评选时间窗口内、名额以内推荐本支部党员（或本支部）")
            .RequirePermission(HonorsPermissions.Write);
}
