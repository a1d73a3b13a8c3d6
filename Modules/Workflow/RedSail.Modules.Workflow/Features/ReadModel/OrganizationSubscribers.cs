using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Workflow.Features.ReadModel;

// Workflow's copy of the organisation tree, kept by Personnel's events (the inbox drops redeliveries). A change to an
// organisation not in the copy yet waits for its OrganizationCreated (EarlyEvents.ExpectingArrived).

internal sealed class OrganizationCreatedSubscriber(WorkflowDb db) : CopiesOrganizationCreated(db);
internal sealed class OrganizationRenamedSubscriber(WorkflowDb db) : CopiesOrganizationRenamed(db);
internal sealed class OrganizationMovedSubscriber(WorkflowDb db) : CopiesOrganizationMoved(db);
internal sealed class OrganizationDissolvedSubscriber(WorkflowDb db) : CopiesOrganizationDissolved(db);

/// <summary>The source closes; its people join the target (its children arrive by their own OrganizationMoved events).</summary>
internal sealed class OrganizationsMergedSubscriber(WorkflowDb db) : INotificationHandler<OrganizationsMerged>
{
    public async Task Handle(OrganizationsMerged e, CancellationToken ct)
    {
        await OrganizationTreeCopy.CloseAsync(db, e.SourceId, OrganizationClosure.Merged, ct).ExpectingArrived($"organisation {e.SourceId}");
        await db.ExecuteAsync("update workflow.person set organization_id = @TargetId where organization_id = @SourceId", e, ct);
    }
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
