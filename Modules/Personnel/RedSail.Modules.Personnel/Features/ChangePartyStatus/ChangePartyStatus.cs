using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;
using RedSail.Modules.Personnel.Features.Rules;

namespace RedSail.Modules.Personnel.Features.ChangePartyStatus;

/// <summary>
/// Moves a person along the party-status table (application → activist → candidate → admission → conversion,
/// or an exit), effective on a date, with the reason and document number. Only transitions the regulations
/// allow are accepted, and conversion waits for the end of probation.
/// </summary>
internal sealed record ChangePartyStatus(Guid PersonId, long Version, string? To, DateOnly? EffectiveOn, string? Reason, string? DocumentNumber)
    : ICommand<UpdatedStatus>
{
    public string AuditAction => "personnel.people.change_party_status";
    public AuditTarget AuditTarget => new("person", PersonId.ToString());
}

internal sealed record ChangePartyStatusBody(long Version, string? To, DateOnly? EffectiveOn, string? Reason, string? DocumentNumber);

internal sealed record UpdatedStatus(Guid Id, string PartyStatus, long Version);

internal sealed class ChangePartyStatusValidator(IClock clock) : IValidator<ChangePartyStatus>
{
    public void Validate(ChangePartyStatus request, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(request.To)) errors.Add("to", "validation.required");
        else if (!PartyStatus.All.Contains(request.To)) errors.Add("to", "person.code_unknown", request.To);
        if (request.EffectiveOn is null) errors.Add("effectiveOn", "validation.required");
        else if (request.EffectiveOn > clock.Today) errors.Add("effectiveOn", "person.date_in_future");
        errors.RequiredMax("reason", request.Reason, 500).MaxLength("documentNumber", request.DocumentNumber, 64);
    }
}

internal sealed class ChangePartyStatusHandler(PersonnelDb db, RequestContext context, MessageCatalog messages)
    : IRequestHandler<ChangePartyStatus, UpdatedStatus>
{
    public async Task<UpdatedStatus> Handle(ChangePartyStatus request, CancellationToken cancellationToken)
    {
        var person = await PersonWrites.LockForUpdateAsync(db, context, request.PersonId, request.Version, cancellationToken);
        var to = request.To!;
        var on = request.EffectiveOn!.Value;
        if (!PartyStatus.CanChange(person.PartyStatus, to))
            throw new RuleViolationException("party_status_transition", "person.transition_not_allowed",
                messages.Get("party_status." + person.PartyStatus), messages.Get("party_status." + to));
        if (person.StatusSince is { } since && on < since)
            throw new RuleViolationException("party_status_date", "person.effective_before_current", since.ToString("yyyy-MM-dd"));
        var dates = ApplyDate(person, to, on);
        var errors = new ValidationErrors();
        PartyDatesRules.CheckShape(to, dates, on, errors);
        PartyDatesRules.CheckRules(dates, person.BirthDate, await RuleBook.LoadAsync(db, cancellationToken), errors);
        // The step's date is the effective date the caller chose, so that is the field to correct.
        var effective = new ValidationErrors();
        // Earlier steps' dates may be unknown for people recorded mid-way (older records); only order, age and
        // probation bind here.
        foreach (var error in errors.All.Where(e => e.MessageKey != "validation.required")) effective.Add("effectiveOn", error.MessageKey, error.Args);
        effective.ThrowIfAny();

        var version = await db.QuerySingleAsync<long>("""
            update personnel.person
            set party_status = @to, status_since = @on, applied_on = @AppliedOn, activist_on = @ActivistOn, candidate_on = @CandidateOn,
                joined_on = @JoinedOn, converted_on = @ConvertedOn, version = version + 1, updated_at = now()
            where id = @PersonId
            returning version
            """, new { to, on, dates.AppliedOn, dates.ActivistOn, dates.CandidateOn, dates.JoinedOn, dates.ConvertedOn, request.PersonId }, cancellationToken);
        await PersonWrites.RecordChangeAsync(db, context, request.PersonId, "party_status", on, request.Reason,
            new { partyStatus = person.PartyStatus }, new { partyStatus = to, documentNumber = request.DocumentNumber }, cancellationToken);
        await db.PublishAsync(new PartyStatusChanged(request.PersonId, person.OrganizationId, person.PartyStatus, to, on, request.Reason), cancellationToken);
        return new UpdatedStatus(request.PersonId, to, version);
    }

    /// <summary>The step's own date is the effective date: activist_on for activists, joined_on for admission, …</summary>
    private static PartyDates ApplyDate(PersonRow p, string to, DateOnly on) => new(
        to == PartyStatus.Applicant ? on : p.AppliedOn,
        to == PartyStatus.Activist ? on : p.ActivistOn,
        to == PartyStatus.Candidate ? on : p.CandidateOn,
        to == PartyStatus.Probationary ? on : p.JoinedOn,
        to == PartyStatus.FullMember && p.PartyStatus == PartyStatus.Probationary ? on : p.ConvertedOn,
        p.ProbationExtendedMonths);
}

internal static class ChangePartyStatusEndpoint
{
    public static void MapChangePartyStatus(this IEndpointRouteBuilder api) =>
        api.MapPost("/people/{id:guid}/party-status", async (Guid id, ChangePartyStatusBody body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ChangePartyStatus(id, body.Version, body.To, body.EffectiveOn, body.Reason, body.DocumentNumber), ct)))
            .WithName("ChangePartyStatus").WithSummary("党籍状态变更（按允许的状态转换表；转正须满预备期）")
            .RequirePermission(PersonnelPermissions.Write);
}
