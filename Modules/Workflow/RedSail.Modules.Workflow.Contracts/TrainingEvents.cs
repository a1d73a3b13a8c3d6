using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Workflow.Contracts;

/// <summary>
/// A member's training (支委培训) was recorded: who, the organisation they belonged to then, the training's title, organiser,
/// date, hours and kind (centralised | online | lecture | other). Training records are not edited or removed.
/// </summary>
public sealed record TrainingRecorded(Guid RecordId, Guid PersonId, Guid OrganizationId, string Title, string Organizer, DateOnly HeldOn,
    decimal Hours, string Kind) : IntegrationEvent;
