using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.Rules;

namespace RedSail.Modules.Personnel.Features.People;

/// <summary>
/// A party-status change as the register records it, whoever asks (a user, or a recruitment file's decision): only transitions
/// the table allows, the step's date in its field, the rules on dates, a line of the timeline and <see cref="PartyStatusChanged"/>.
/// </summary>
internal static class PartyStatusWrites
{
    /// <param name="probationExtendedMonths">An extension of the probation decided with the change (conversion after an extended
    /// probation); null keeps the recorded one.</param>
    /// <returns>The person's new version.</returns>
    public static async Task<long> ApplyAsync(PersonnelDb db, RequestContext context, MessageCatalog messages, PersonRow person, string to,
        DateOnly on, string? reason, string? documentNumber, int? probationExtendedMonths, CancellationToken ct)
    {
        if (!PartyStatus.CanChange(person.PartyStatus, to))
            throw new RuleViolationException("party_status_transition", "person.transition_not_allowed",
                messages.Get("party_status." + person.PartyStatus), messages.Get("party_status." + to));
        if (person.StatusSince is { } since && on < since)
            throw new RuleViolationException("party_status_date", "person.effective_before_current", since.ToString("yyyy-MM-dd"));
        var dates = ApplyDate(person, to, on, probationExtendedMonths ?? person.ProbationExtendedMonths);
        var errors = new ValidationErrors();
        PartyDatesRules.CheckShape(to, dates, on, errors);
        PartyDatesRules.CheckRules(dates, person.BirthDate, await RuleBook.LoadAsync(db, ct), errors);
        // The step's date is the effective date the caller chose, so that is the field to correct.
        var effective = new ValidationErrors();
        // Earlier steps' dates may be unknown for people recorded mid-way (older records); only order, age and
        // probation bind here.
        foreach (var error in errors.All.Where(e => e.MessageKey != "validation.required")) effective.Add("effectiveOn", error.MessageKey, error.Args);
        effective.ThrowIfAny();

        var version = await db.QuerySingleAsync<long>("""
            update personnel.person
            set party_status = @to, status_since = @on, applied_on = @AppliedOn, activist_on = @ActivistOn, candidate_on = @CandidateOn,
                joined_on = @JoinedOn, converted_on = @ConvertedOn, probation_extended_months = @ProbationExtendedMonths,
                version = version + 1, updated_at = now()
            where id = @Id
            returning version
            """, new { to, on, dates.AppliedOn, dates.ActivistOn, dates.CandidateOn, dates.JoinedOn, dates.ConvertedOn, dates.ProbationExtendedMonths, person.Id },
            ct);
        await PersonWrites.RecordChangeAsync(db, context, person.Id, "party_status", on, reason,
            new { partyStatus = person.PartyStatus }, new { partyStatus = to, documentNumber }, ct);
        await db.PublishAsync(new PartyStatusChanged(person.Id, person.OrganizationId, person.PartyStatus, to, on, reason), ct);
        return version;
    }

    /// <summary>The step's own date is the effective date: activist_on for activists, joined_on for admission, …</summary>
    private static PartyDates ApplyDate(PersonRow p, string to, DateOnly on, int extendedMonths) => new(
        to == PartyStatus.Applicant ? on : p.AppliedOn,
        to == PartyStatus.Activist ? on : p.ActivistOn,
        to == PartyStatus.Candidate ? on : p.CandidateOn,
        to == PartyStatus.Probationary ? on : p.JoinedOn,
        to == PartyStatus.FullMember && p.PartyStatus == PartyStatus.Probationary ? on : p.ConvertedOn,
        extendedMonths);
}
