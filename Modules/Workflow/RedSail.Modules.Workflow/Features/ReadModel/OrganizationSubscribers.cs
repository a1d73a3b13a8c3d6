using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Workflow.Features.ReadModel;

// Workflow's copy of the organisation tree, kept by Personnel's events. Each handler is idempotent (the inbox already
// drops redeliveries; a replay of the history must also leave the same rows).
// A change to an organisation not in the copy yet waits for its OrganizationCreated (EarlyEvents.ExpectingArrived).

internal sealed class OrganizationCreatedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationCreated>
{
    public Task Handle(OrganizationCreated e, CancellationToken ct) =>
        OrganizationTreeCopy.RecordAsync(db, e.OrganizationId, e.ParentId, e.Name, e.Type, e.Path, ct);
}

internal sealed class OrganizationRenamedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationRenamed>
{
    public Task Handle(OrganizationRenamed e, CancellationToken ct) =>
        OrganizationTreeCopy.RenameAsync(db, e.OrganizationId, e.Name, ct).ExpectingArrived($"organisation {e.OrganizationId}");
}

internal sealed class OrganizationMovedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationMoved>
{
    public Task Handle(OrganizationMoved e, CancellationToken ct) =>
        OrganizationTreeCopy.MoveAsync(db, e.OrganizationId, e.OldPath, e.NewPath, e.NewParentId, ct)
            .ExpectingArrived($"organisation {e.OrganizationId} at {e.OldPath}");
}

/// <summary>The source closes; its people join the target (its children arrive by their own OrganizationMoved events).</summary>
internal sealed class OrganizationsMergedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationsMerged>
{
    public async Task Handle(OrganizationsMerged e, CancellationToken ct)
    {
        await OrganizationTreeCopy.CloseAsync(db, e.SourceId, OrganizationClosure.Merged, ct).ExpectingArrived($"organisation {e.SourceId}");
        await db.ExecuteAsync("update workflow.person set organization_id = @TargetId where organization_id = @SourceId", e, ct);
    }
}

internal sealed class OrganizationDissolvedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationDissolved>
{
    public Task Handle(OrganizationDissolved e, CancellationToken ct) =>
        OrganizationTreeCopy.CloseAsync(db, e.OrganizationId, OrganizationClosure.Dissolved, ct).ExpectingArrived($"organisation {e.OrganizationId}");
}

/// <summary>The new committee replaces the organisation's seats, and its term's end is what supervision watches.</summary>
internal sealed class CommitteeElectedSubscriber(WorkflowDb db) : INotificationHandler<CommitteeElected>
{
    public async Task Handle(CommitteeElected e, CancellationToken ct)
    {
        await db.ExecuteAsync("update workflow.organization set term_id = @TermId, term_ends_on = @EndsOn where id = @OrganizationId",
                new { e.OrganizationId, e.TermId, e.EndsOn }, ct)
            .ExpectingArrived($"organisation {e.OrganizationId}");
        await db.ExecuteAsync("""
            delete from workflow.committee_seat where organization_id = @OrganizationId;
            insert into workflow.committee_seat (organization_id, person_id, post)
            select @OrganizationId, person, post from unnest(@people, @posts) as s(person, post)
            on conflict do nothing;
            """, new { e.OrganizationId, people = e.Members.Select(m => m.PersonId).ToArray(), posts = e.Members.Select(m => m.Post).ToArray() }, ct);
    }
}
