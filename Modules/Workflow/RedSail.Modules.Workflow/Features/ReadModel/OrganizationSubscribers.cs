using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Workflow.Features.ReadModel;

// Workflow's copy of the organisation tree, kept by Personnel's events. Each handler is idempotent (the inbox already
// drops redeliveries; a replay of the history must also leave the same rows).

internal sealed class OrganizationCreatedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationCreated>
{
    public Task Handle(OrganizationCreated e, CancellationToken ct) => db.ExecuteAsync("""
        insert into workflow.organization (id, parent_id, name, type, path) values (@OrganizationId, @ParentId, @Name, @Type, @Path::ltree)
        on conflict (id) do nothing
        """, e, ct);
}

internal sealed class OrganizationRenamedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationRenamed>
{
    public Task Handle(OrganizationRenamed e, CancellationToken ct) =>
        db.ExecuteAsync("update workflow.organization set name = @Name where id = @OrganizationId", e, ct);
}

/// <summary>Moves the whole subtree in one UPDATE; a second run finds nothing under the old path.</summary>
internal sealed class OrganizationMovedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationMoved>
{
    public Task Handle(OrganizationMoved e, CancellationToken ct) => db.ExecuteAsync("""
        update workflow.organization o
        set path = case when o.path = @OldPath::ltree then @NewPath::ltree else @NewPath::ltree || subpath(o.path, nlevel(@OldPath::ltree)) end,
            parent_id = case when o.id = @OrganizationId then @NewParentId else o.parent_id end
        where o.path <@ @OldPath::ltree
        """, e, ct);
}

/// <summary>The source closes; its people join the target (its children arrive by their own OrganizationMoved events).</summary>
internal sealed class OrganizationsMergedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationsMerged>
{
    public Task Handle(OrganizationsMerged e, CancellationToken ct) => db.ExecuteAsync("""
        update workflow.organization set status = 'merged' where id = @SourceId;
        update workflow.person set organization_id = @TargetId where organization_id = @SourceId;
        """, e, ct);
}

internal sealed class OrganizationDissolvedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationDissolved>
{
    public Task Handle(OrganizationDissolved e, CancellationToken ct) =>
        db.ExecuteAsync("update workflow.organization set status = 'dissolved' where id = @OrganizationId", e, ct);
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
