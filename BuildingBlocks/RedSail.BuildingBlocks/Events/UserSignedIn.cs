namespace RedSail.BuildingBlocks.Events;

/// <summary>
/// An account completed a sign-in (its session became active: password, with the second factor or the required password
/// change where asked, or SSO), at <see cref="IntegrationEvent.OccurredAt"/>. Published by the platform, which has no contracts
/// assembly (module contracts may reference only BuildingBlocks), hence declared here. Minimum data (PIPL): the account id and
/// the organisation the account is scoped to — the most specific organisation its role grants name, null when all are
/// institution-wide — no name, no address.
/// </summary>
public sealed record UserSignedIn(Guid AccountId, Guid? OrganizationId) : IntegrationEvent;
