using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Archives.Features.ReadModel;

// Archives' copy of the organisation tree (scope of documents, related organisations), kept by Personnel's events.
// A change to an organisation not in the copy yet waits for its OrganizationCreated (EarlyEvents.ExpectingArrived).

internal sealed class OrganizationCreatedSubscriber(ArchivesDb db) : INotificationHandler<OrganizationCreated>
{
    public Task Handle(OrganizationCreated e, CancellationToken ct) =>
        OrganizationTreeCopy.RecordAsync(db, e.OrganizationId, e.ParentId, e.Name, e.Type, e.Path, ct);
}

internal sealed class OrganizationRenamedSubscriber(ArchivesDb db) : INotificationHandler<OrganizationRenamed>
{
    public Task Handle(OrganizationRenamed e, CancellationToken ct) =>
        OrganizationTreeCopy.RenameAsync(db, e.OrganizationId, e.Name, ct).ExpectingArrived($"organisation {e.OrganizationId}");
}

internal sealed class OrganizationMovedSubscriber(ArchivesDb db) : INotificationHandler<OrganizationMoved>
{
    public Task Handle(OrganizationMoved e, CancellationToken ct) =>
        OrganizationTreeCopy.MoveAsync(db, e.OrganizationId, e.OldPath, e.NewPath, e.NewParentId, ct)
            .ExpectingArrived($"organisation {e.OrganizationId} at {e.OldPath}");
}

internal sealed class OrganizationsMergedSubscriber(ArchivesDb db) : INotificationHandler<OrganizationsMerged>
{
    public Task Handle(OrganizationsMerged e, CancellationToken ct) =>
        OrganizationTreeCopy.CloseAsync(db, e.SourceId, OrganizationClosure.Merged, ct).ExpectingArrived($"organisation {e.SourceId}");
}

internal sealed class OrganizationDissolvedSubscriber(ArchivesDb db) : INotificationHandler<OrganizationDissolved>
{
    public Task Handle(OrganizationDissolved e, CancellationToken ct) =>
        OrganizationTreeCopy.CloseAsync(db, e.OrganizationId, OrganizationClosure.Dissolved, ct).ExpectingArrived($"organisation {e.OrganizationId}");
}
