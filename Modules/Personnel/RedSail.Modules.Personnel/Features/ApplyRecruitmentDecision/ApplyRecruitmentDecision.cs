using Microsoft.Extensions.Logging;
using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Personnel.Features.ApplyRecruitmentDecision;

/// <summary>
/// Applies a recruitment file's decision (activist, candidate, admission, conversion, cancelled probation) to the register exactly
/// as a party-status change by hand: same date fields and rules, a line of the timeline, <see cref="Contracts.PartyStatusChanged"/>.
/// <para>
/// A redelivery changes nothing: the inbox drops a second delivery of the event, and a person already in the decided status since
/// the decided date is left alone. A decision the register cannot take — the person is gone, or their record moved on by another
/// route (changed by hand, left the party, a date before their current status) — is logged and ignored rather than thrown: the
/// register is the record of party status and wins, no retry could make the transition possible, and retrying until the delivery
/// is parked would only bury the message. The decision stays on the recruitment file, and the warning names both.
/// </para>
/// </summary>
internal sealed class ApplyRecruitmentDecision(PersonnelDb db, RequestContext context, MessageCatalog messages, ILogger<ApplyRecruitmentDecision> log)
    : INotificationHandler<RecruitmentStatusDecided>
{
    public async Task Handle(RecruitmentStatusDecided e, CancellationToken ct)
    {
        PersonRow person;
        try
        {
            person = await PersonWrites.LockForUpdateAsync(db, context, e.PersonId, null, ct);
        }
        catch (NotFoundException)
        {
            log.LogWarning("Recruitment file {FileId} step {Step}: person {PersonId} is not in the register; decision {Status} ignored",
                e.FileId, e.Step, e.PersonId, e.PartyStatus);
            return;
        }
        var dates = new PartyDates(person.AppliedOn, person.ActivistOn, person.CandidateOn, person.JoinedOn, person.ConvertedOn);
        if (person.PartyStatus == e.PartyStatus && (PartyDatesRules.DateOfStatus(e.PartyStatus, dates) ?? person.StatusSince) == e.EffectiveOn) return;
        try
        {
            await PartyStatusWrites.ApplyAsync(db, context, messages, person, e.PartyStatus, e.EffectiveOn, e.Reason, null,
                e.PartyStatus == PartyStatus.FullMember ? e.ProbationExtendedMonths : null, ct);
        }
        catch (AppException refused) when (refused is RuleViolationException or ValidationFailedException)
        {
            var detail = refused is ValidationFailedException v
                ? string.Join("; ", v.Errors.Select(f => messages.FieldMessage(f, "personnel")))
                : messages.Get(refused.MessageKey, refused.Args);
            log.LogWarning("Recruitment file {FileId} step {Step}: person {PersonId} cannot become {Status} on {EffectiveOn} (now {Current}): {Detail}; ignored",
                e.FileId, e.Step, e.PersonId, e.PartyStatus, e.EffectiveOn, person.PartyStatus, detail);
        }
    }
}
