using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Honors.Features.ReadModel;

// Honors' people: holders of honours and seats, with the dates party age counts from, kept by Personnel's events
// (each handler can run twice without harm: inserts do nothing on a known id, updates set values).
// An update of a person not in the copy yet waits for their PersonRecorded (EarlyEvents.ExpectingArrived).

internal sealed class PersonRecordedSubscriber(HonorsDb db) : INotificationHandler<PersonRecorded>
{
    public Task Handle(PersonRecorded e, CancellationToken ct) => db.ExecuteAsync("""
        insert into honors.person (id, organization_id, name, gender, party_status, joined_on, converted_on)
        values (@PersonId, @OrganizationId, @Name, @Gender, @PartyStatus, @JoinedOn, @ConvertedOn)
        on conflict (id) do nothing
        """, e, ct);
}

internal sealed class PersonUpdatedSubscriber(HonorsDb db) : INotificationHandler<PersonUpdated>
{
    public Task Handle(PersonUpdated e, CancellationToken ct) =>
        db.ExecuteAsync("update honors.person set name = @Name, gender = @Gender, organization_id = @OrganizationId where id = @PersonId", e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

/// <summary>Admission dates the probation (joined_on); conversion dates the party age (converted_on).</summary>
internal sealed class PartyStatusChangedSubscriber(HonorsDb db) : INotificationHandler<PartyStatusChanged>
{
    public Task Handle(PartyStatusChanged e, CancellationToken ct) => db.ExecuteAsync("""
        update honors.person
        set party_status = @To,
            joined_on = case when @To = 'probationary' then @EffectiveOn else joined_on end,
            converted_on = case when @From = 'probationary' and @To = 'full_member' then @EffectiveOn else converted_on end
        where id = @PersonId
        """, e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

internal sealed class PeopleImportRolledBackSubscriber(HonorsDb db) : INotificationHandler<PeopleImportRolledBack>
{
    public Task Handle(PeopleImportRolledBack e, CancellationToken ct) =>
        db.ExecuteAsync("delete from honors.person where id = any(@ids)", new { ids = e.PersonIds.ToArray() }, ct);
}

internal sealed class PersonMovedSubscriber(HonorsDb db) : INotificationHandler<PersonMoved>
{
    public Task Handle(PersonMoved e, CancellationToken ct) =>
        db.ExecuteAsync("update honors.person set organization_id = @ToOrganizationId where id = @PersonId", e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

internal sealed class PersonTransferredOutSubscriber(HonorsDb db) : INotificationHandler<PersonTransferredOut>
{
    public Task Handle(PersonTransferredOut e, CancellationToken ct) =>
        db.ExecuteAsync("update honors.person set relation = 'transferred_out' where id = @PersonId", e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

/// <summary>A newcomer arrives by PersonRecorded first; a returning member is back here.</summary>
internal sealed class PersonTransferredInSubscriber(HonorsDb db) : INotificationHandler<PersonTransferredIn>
{
    public Task Handle(PersonTransferredIn e, CancellationToken ct) => db.ExecuteAsync(
        "update honors.person set relation = 'active', organization_id = @OrganizationId where id = @PersonId", e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

internal sealed class PersonRelationChangedSubscriber(HonorsDb db) : INotificationHandler<PersonRelationChanged>
{
    public Task Handle(PersonRelationChanged e, CancellationToken ct) =>
        db.ExecuteAsync("update honors.person set relation = @To where id = @PersonId", e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}
