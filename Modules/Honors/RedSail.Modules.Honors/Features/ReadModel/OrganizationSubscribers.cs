using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Honors.Features.ReadModel;

// Honors' copy of the organisation tree (scope of honours and representatives), kept by Personnel's events.
// A change to an organisation not in the copy yet waits for its OrganizationCreated (EarlyEvents.ExpectingArrived).

internal sealed class OrganizationCreatedSubscriber(HonorsDb db) : INotificationHandler<OrganizationCreated>
{
    public Task Handle(OrganizationCreated e, CancellationToken ct) =>
        OrganizationTreeCopy.RecordAsync(db, e.OrganizationId, e.ParentId, e.Name, e.Type, e.Path, ct);
}

internal sealed class OrganizationRenamedSubscriber(HonorsDb db) : INotificationHandler<OrganizationRenamed>
{
    public Task Handle(OrganizationRenamed e, CancellationToken ct) =>
        OrganizationTreeCopy.RenameAsync(db, e.OrganizationId, e.Name, ct).ExpectingArrived($"organisation {e.OrganizationId}");
}

internal sealed class OrganizationMovedSubscriber(HonorsDb db) : INotificationHandler<OrganizationMoved>
{
    public Task Handle(OrganizationMoved e, CancellationToken ct) =>
        OrganizationTreeCopy.MoveAsync(db, e.OrganizationId, e.OldPath, e.NewPath, e.NewParentId, ct)
            .ExpectingArrived($"organisation {e.OrganizationId} at {e.OldPath}");
}

internal sealed class OrganizationsMergedSubscriber(HonorsDb db) : INotificationHandler<OrganizationsMerged>
{
    public Task Handle(OrganizationsMerged e, CancellationToken ct) =>
        OrganizationTreeCopy.CloseAsync(db, e.SourceId, OrganizationClosure.Merged, ct).ExpectingArrived($"organisation {e.SourceId}");
}

internal sealed class OrganizationDissolvedSubscriber(HonorsDb db) : INotificationHandler<OrganizationDissolved>
{
    public Task Handle(OrganizationDissolved e, CancellationToken ct) =>
        OrganizationTreeCopy.CloseAsync(db, e.OrganizationId, OrganizationClosure.Dissolved, ct).ExpectingArrived($"organisation {e.OrganizationId}");
}
