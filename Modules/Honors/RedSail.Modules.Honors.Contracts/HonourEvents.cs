using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Honors.Contracts;

/// <summary>
/// An honour entered the library: the committee approved a branch's proposal (or recorded/imported it directly).
/// <see cref="PersonId"/> is null for an organisation's honour; <see cref="OrganizationId"/> is the holder's organisation
/// (the organisation itself for its own honour). Type and level are Honors' codes (Domain/HonourTypes, HonourLevels).
/// </summary>
public sealed record HonourApproved(Guid HonourId, Guid OrganizationId, Guid? PersonId, string Type, string Level, string Title,
    DateOnly AwardedOn) : IntegrationEvent;

/// <summary>An approved honour was withdrawn from the library (recorded in error, or revoked), with the reason.</summary>
public sealed record HonourWithdrawn(Guid HonourId, Guid OrganizationId, string Reason) : IntegrationEvent;
