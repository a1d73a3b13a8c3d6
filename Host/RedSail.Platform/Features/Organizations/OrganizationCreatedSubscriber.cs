using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Platform.Features.Organizations;

/// <summary>Keeps the platform's copy of the organisation tree (the inbox makes a redelivery harmless).</summary>
internal sealed class OrganizationCreatedSubscriber(PlatformDb db) : INotificationHandler<OrganizationCreated>
{
    public Task Handle(OrganizationCreated notification, CancellationToken cancellationToken) =>
        db.ExecuteAsync("""
            insert into platform.organization (id, parent_id, name, type, path)
            values (@OrganizationId, @ParentId, @Name, @Type, @Path::ltree)
            on conflict (id) do nothing
            """, notification, cancellationToken);
}
