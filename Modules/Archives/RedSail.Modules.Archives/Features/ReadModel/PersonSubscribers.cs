using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Archives.Features.ReadModel;

// The names the archive links documents to (related people), kept by Personnel's events; nothing else of a person.
// An update of a person not in the copy yet waits for their PersonRecorded (EarlyEvents.ExpectingArrived).

internal sealed class PersonRecordedSubscriber(ArchivesDb db) : INotificationHandler<PersonRecorded>
{
    public Task Handle(PersonRecorded e, CancellationToken ct) => db.ExecuteAsync(
        "insert into archives.person (id, organization_id, name) values (@PersonId, @OrganizationId, @Name) on conflict (id) do nothing", e, ct);
}

internal sealed class PersonUpdatedSubscriber(ArchivesDb db) : INotificationHandler<PersonUpdated>
{
    public Task Handle(PersonUpdated e, CancellationToken ct) =>
        db.ExecuteAsync("update archives.person set name = @Name, organization_id = @OrganizationId where id = @PersonId", e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

internal sealed class PersonMovedSubscriber(ArchivesDb db) : INotificationHandler<PersonMoved>
{
    public Task Handle(PersonMoved e, CancellationToken ct) =>
        db.ExecuteAsync("update archives.person set organization_id = @ToOrganizationId where id = @PersonId", e, ct)
            .ExpectingArrived($"person {e.PersonId}");
}

internal sealed class PeopleImportRolledBackSubscriber(ArchivesDb db) : INotificationHandler<PeopleImportRolledBack>
{
    public Task Handle(PeopleImportRolledBack e, CancellationToken ct) =>
        db.ExecuteAsync("delete from archives.person where id = any(@ids)", new { ids = e.PersonIds.ToArray() }, ct);
}
