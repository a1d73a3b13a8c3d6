using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Workflow.Contracts;

/// <summary>
/// A step of a recruitment file (发展党员) decided the person's party status: step 3 makes an activist, step 7 a candidate,
/// step 17 (the higher committee's approval) a probationary member effective on the 支部大会 vote, step 24 a full member effective
/// at the end of probation (<see cref="ProbationExtendedMonths"/> included) or, when the probation is cancelled, a non-member.
/// Personnel applies it to the register; a redelivery changes nothing.
/// </summary>
public sealed record RecruitmentStatusDecided(Guid FileId, Guid PersonId, Guid OrganizationId, int Step, string PartyStatus, DateOnly EffectiveOn,
    int ProbationExtendedMonths, string Reason) : IntegrationEvent;
