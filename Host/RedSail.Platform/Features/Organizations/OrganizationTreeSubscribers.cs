using RedSail.BuildingBlocks.Events;
using RedSail.BuildingBlocks.ReadModels;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Platform.Features.Organizations;

// The platform's copy of the organisation tree (grant scopes, OA department mapping), kept by Personnel's events with the
// statements every module's copy shares. Merged and dissolved organisations stay, no longer offered for grants; a change to
// an organisation not in the copy yet waits for its OrganizationCreated (EarlyEvents.ExpectingArrived).

internal sealed class OrganizationCreatedSubscriber(PlatformDb db) : INotificationHandler<OrganizationCreated>
{
    public Task Handle(OrganizationCreated e, CancellationToken ct) =>
        OrganizationTreeCopy.RecordAsync(db, e.OrganizationId, e.ParentId, e.Name, e.Type, e.Path, ct);
}

internal sealed class OrganizationRenamedSubscriber(PlatformDb db) : INotificationHandler<OrganizationRenamed>
{
    public Task Handle(OrganizationRenamed e, CancellationToken ct) =>
        OrganizationTreeCopy.RenameAsync(db, e.OrganizationId, e.Name, ct).ExpectingArrived($"organisation {e.OrganizationId}");
}

internal sealed class OrganizationMovedSubscriber(PlatformDb db) : INotificationHandler<OrganizationMoved>
{
    public Task Handle(OrganizationMoved e, CancellationToken ct) =>
        OrganizationTreeCopy.MoveAsync(db, e.OrganizationId, e.OldPath, e.NewPath, e.NewParentId, ct)
            .ExpectingArrived($"organisation {e.OrganizationId} at {e.OldPath}");
}

/// <summary>The source closes; its children arrive under the target by their own OrganizationMoved events.</summary>
internal sealed class OrganizationsMergedSubscriber(PlatformDb db) : INotificationHandler<OrganizationsMerged>
{
    public Task Handle(OrganizationsMerged e, CancellationToken ct) =>
        OrganizationTreeCopy.CloseAsync(db, e.SourceId, OrganizationClosure.Merged, ct).ExpectingArrived($"organisation {e.SourceId}");
}

internal sealed class OrganizationDissolvedSubscriber(PlatformDb db) : INotificationHandler<OrganizationDissolved>
{
    public Task Handle(OrganizationDissolved e, CancellationToken ct) =>
        OrganizationTreeCopy.CloseAsync(db, e.OrganizationId, OrganizationClosure.Dissolved, ct).ExpectingArrived($"organisation {e.OrganizationId}");
}
