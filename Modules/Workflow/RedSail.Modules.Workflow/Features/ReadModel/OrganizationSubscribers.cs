using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Workflow.Features.ReadModel;

// Workflow's copy of the organisation tree, kept by Personnel's events. Each handler is idempotent (the inbox already
// drops redeliveries; a replay of the history must also leave the same rows).

internal sealed class OrganizationCreatedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationCreated>
{
    public Task Handle(OrganizationCreated e, CancellationToken ct) =>
        OrganizationTreeCopy.RecordAsync(db, e.OrganizationId, e.ParentId, e.Name, e.Type, e.Path, ct);
}

internal sealed class OrganizationRenamedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationRenamed>
{
    public Task Handle(OrganizationRenamed e, CancellationToken ct) => OrganizationTreeCopy.RenameAsync(db, e.OrganizationId, e.Name, ct);
}

internal sealed class OrganizationMovedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationMoved>
{
    public Task Handle(OrganizationMoved e, CancellationToken ct) =>
        OrganizationTreeCopy.MoveAsync(db, e.OrganizationId, e.OldPath, e.NewPath, e.NewParentId, ct);
}

/// <summary>The source closes; its people join the target (its children arrive by their own OrganizationMoved events).</summary>
internal sealed class OrganizationsMergedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationsMerged>
{
    public async Task Handle(OrganizationsMerged e, CancellationToken ct)
    {
        await OrganizationTreeCopy.CloseAsync(db, e.SourceId, OrganizationClosure.Merged, ct);
        await db.ExecuteAsync("update workflow.person set organization_id = @TargetId where organization_id = @SourceId", e, ct);
    }
}

internal sealed class OrganizationDissolvedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationDissolved>
{
    public Task Handle(OrganizationDissolved e, CancellationToken ct) =>
        OrganizationTreeCopy.CloseAsync(db, e.OrganizationId, OrganizationClosure.Dissolved, ct);
}

/// <summary>The new committee replaces the organisation's seats, and its term's end is what supervision watches.</summary>
internal sealed class CommitteeElectedSubscriber(WorkflowDb db) : INotificationHandler<CommitteeElected>
{
    public Task Handle(CommitteeElected e, CancellationToken ct) => db.ExecuteAsync("""
        update workflow.organization set term_id = @TermId, term_ends_on = @EndsOn where id = @OrganizationId;
        delete from workflow.committee_seat where organization_id = @OrganizationId;
        insert into workflow.committee_seat (organization_id, person_id, post)
        select @OrganizationId, person, post from unnest(@people, @posts) as s(person, post)
        on conflict do nothing;
        """, new
    {
        e.OrganizationId, e.TermId, e.EndsOn,
        people = e.Members.Select(m => m.PersonId).ToArray(), posts = e.Members.Select(m => m.Post).ToArray(),
    }, ct);
}
