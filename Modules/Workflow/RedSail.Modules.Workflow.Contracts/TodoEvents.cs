using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Workflow.Contracts;

/// <summary>
/// A to-do was opened (or re-opened, or its due date or wording changed): someone with write access to the organisation must
/// act. <see cref="Link"/> is the path in RedSail's web UI where it is resolved. The OA's unified to-do list follows these.
/// </summary>
public sealed record TodoOpened(Guid TodoId, string Kind, Guid OrganizationId, string Title, string Link, DateOnly? DueOn) : IntegrationEvent;

/// <summary>The to-do was resolved (what it asked for was done, or is no longer due) and left the list.</summary>
public sealed record TodoClosed(Guid TodoId, string Kind, Guid OrganizationId) : IntegrationEvent;
