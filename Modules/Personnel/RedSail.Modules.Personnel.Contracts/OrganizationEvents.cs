using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Personnel.Contracts;

/// <summary>
/// A new organisation joined the tree. <see cref="Path"/> lists the ids from the root (ltree labels: the id
/// in hex without dashes), so receivers can keep subtree scope checks in their own schema.
/// </summary>
public sealed record OrganizationCreated(Guid OrganizationId, Guid? ParentId, string Code, string Name, string Type, string Path)
    : IntegrationEvent;
