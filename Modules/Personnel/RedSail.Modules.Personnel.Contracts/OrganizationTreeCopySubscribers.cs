using MediatR;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;
using RedSail.BuildingBlocks.ReadModels;

namespace RedSail.Modules.Personnel.Contracts;

// The subscribers that keep a module's copy of the organisation tree (OrganizationTreeCopy) by Personnel's events, once for
// every module that keeps one: a module declares a sealed subclass of each with its own session, e.g.
// "internal sealed class OrganizationCreatedSubscriber(HonorsDb db) : CopiesOrganizationCreated(db);" (its name is the
// subscriber's name in the outbox). A change to an organisation not in the copy yet waits for its OrganizationCreated
// (EarlyEvents.ExpectingArrived); merged and dissolved organisations stay in the copy, closed.

public abstract class CopiesOrganizationCreated(DbSession db) : INotificationHandler<OrganizationCreated>
{
    public Task Handle(OrganizationCreated e, CancellationToken ct) =>
        OrganizationTreeCopy.RecordAsync(db, e.OrganizationId, e.ParentId, e.Name, e.Type, e.Path, ct);
}

public abstract class CopiesOrganizationRenamed(DbSession db) : INotificationHandler<OrganizationRenamed>
{
    public Task Handle(OrganizationRenamed e, CancellationToken ct) =>
        OrganizationTreeCopy.RenameAsync(db, e.OrganizationId, e.Name, ct).ExpectingArrived($"organisation {e.OrganizationId}");
}

public abstract class CopiesOrganizationMoved(DbSession db) : INotificationHandler<OrganizationMoved>
{
    public Task Handle(OrganizationMoved e, CancellationToken ct) =>
        OrganizationTreeCopy.MoveAsync(db, e.OrganizationId, e.OldPath, e.NewPath, e.NewParentId, ct)
            .ExpectingArrived($"organisation {e.OrganizationId} at {e.OldPath}");
}

/// <summary>The source closes; its children arrive under the target by their own OrganizationMoved events.</summary>
public abstract class CopiesOrganizationsMerged(DbSession db) : INotificationHandler<OrganizationsMerged>
{
    public Task Handle(OrganizationsMerged e, CancellationToken ct) =>
        OrganizationTreeCopy.CloseAsync(db, e.SourceId, OrganizationClosure.Merged, ct).ExpectingArrived($"organisation {e.SourceId}");
}

public abstract class CopiesOrganizationDissolved(DbSession db) : INotificationHandler<OrganizationDissolved>
{
    public Task Handle(OrganizationDissolved e, CancellationToken ct) =>
        OrganizationTreeCopy.CloseAsync(db, e.OrganizationId, OrganizationClosure.Dissolved, ct).ExpectingArrived($"organisation {e.OrganizationId}");
}
