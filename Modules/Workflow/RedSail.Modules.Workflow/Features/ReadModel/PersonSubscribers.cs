using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Workflow.Features.ReadModel;

// Workflow's roster: people with their organisation, party status and relation, kept by Personnel's events.
// An update of a person not in the copy yet waits for their PersonRecorded (EarlyEvents.ExpectingArrived).

internal sealed class PersonRecordedSubscriber(WorkflowDb db) : INotificationHandler<PersonRecorded>
{
    public Task Handle(PersonRecorded e, CancellationToken ct) => db.ExecuteAsync("""
        insert into workflow.person (id, organization_id, name, gender, birth_date, party_status, joined_on, converted_on, employee_number)
        values (@PersonId, @OrganizationId, @Name, @Gender, @BirthDate, @PartyStatus, @JoinedOn, @ConvertedOn, @EmployeeNumber)
        on conflict (id) do nothing
        """, e, ct);
}

internal sealed class PersonUpdatedSubscriber(WorkflowDb db) : INotificationHandler<PersonUpdated>
{
    public Task Handle(PersonUpdated e, CancellationToken ct) => db.ExecuteAsync(
        "update workflow.person set name = @Name, gender = @Gender, birth_date = @BirthDate, employee_number = @EmployeeNumber where id = @PersonId",
        e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

/// <summary>Admission dates the probation (joined_on); conversion dates the party age (converted_on).</summary>
internal sealed class PartyStatusChangedSubscriber(WorkflowDb db) : INotificationHandler<PartyStatusChanged>
{
    public Task Handle(PartyStatusChanged e, CancellationToken ct) => db.ExecuteAsync("""
        update workflow.person
        set party_status = @To,
            joined_on = case when @To = 'probationary' then @EffectiveOn else joined_on end,
            converted_on = case when @From = 'probationary' and @To = 'full_member' then @EffectiveOn else converted_on end
        where id = @PersonId
        """, e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

internal sealed class PeopleImportRolledBackSubscriber(WorkflowDb db) : INotificationHandler<PeopleImportRolledBack>
{
    public Task Handle(PeopleImportRolledBack e, CancellationToken ct) =>
        db.ExecuteAsync("delete from workflow.person where id = any(@ids)", new { ids = e.PersonIds.ToArray() }, ct);
}

internal sealed class PersonTransferredOutSubscriber(WorkflowDb db) : INotificationHandler<PersonTransferredOut>
{
    public Task Handle(PersonTransferredOut e, CancellationToken ct) =>
        db.ExecuteAsync("update workflow.person set relation = 'transferred_out' where id = @PersonId", e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

/// <summary>A newcomer arrives by PersonRecorded first; a returning member is back on the roster here.</summary>
internal sealed class PersonTransferredInSubscriber(WorkflowDb db) : INotificationHandler<PersonTransferredIn>
{
    public Task Handle(PersonTransferredIn e, CancellationToken ct) => db.ExecuteAsync(
        "update workflow.person set relation = 'active', organization_id = @OrganizationId where id = @PersonId", e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

internal sealed class PersonMovedSubscriber(WorkflowDb db) : INotificationHandler<PersonMoved>
{
    public Task Handle(PersonMoved e, CancellationToken ct) =>
        db.ExecuteAsync("update workflow.person set organization_id = @ToOrganizationId where id = @PersonId", e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

internal sealed class PersonRelationChangedSubscriber(WorkflowDb db) : INotificationHandler<PersonRelationChanged>
{
    public Task Handle(PersonRelationChanged e, CancellationToken ct) =>
        db.ExecuteAsync("update workflow.person set relation = @To where id = @PersonId", e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

/// <summary>Which sets a person has entries in (added / removed), for the completeness of member records.</summary>
internal sealed class PersonRecordChangedSubscriber(WorkflowDb db) : INotificationHandler<PersonRecordChanged>
{
    public Task Handle(PersonRecordChanged e, CancellationToken ct) => db.ExecuteAsync(e.Change == "removed"
        ? "delete from workflow.person_record where record_id = @RecordId"
        : "insert into workflow.person_record (record_id, person_id, set_kind) values (@RecordId, @PersonId, @Set) on conflict do nothing", e, ct);
}
