using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Analytics.Features.ReadModel;

// Every event Analytics builds from goes the same way: logged for the rebuild, then applied (Projection).

internal abstract class LoggingSubscriber<TEvent>(AnalyticsDb db) : INotificationHandler<TEvent> where TEvent : IntegrationEvent
{
    public Task Handle(TEvent e, CancellationToken ct) => Projection.ReceiveAsync(db, e, ct);
}

internal sealed class OrganizationCreatedSubscriber(AnalyticsDb db) : LoggingSubscriber<OrganizationCreated>(db);
internal sealed class OrganizationRenamedSubscriber(AnalyticsDb db) : LoggingSubscriber<OrganizationRenamed>(db);
internal sealed class OrganizationMovedSubscriber(AnalyticsDb db) : LoggingSubscriber<OrganizationMoved>(db);
internal sealed class OrganizationsMergedSubscriber(AnalyticsDb db) : LoggingSubscriber<OrganizationsMerged>(db);
internal sealed class OrganizationDissolvedSubscriber(AnalyticsDb db) : LoggingSubscriber<OrganizationDissolved>(db);
internal sealed class PersonRecordedSubscriber(AnalyticsDb db) : LoggingSubscriber<PersonRecorded>(db);
internal sealed class PersonUpdatedSubscriber(AnalyticsDb db) : LoggingSubscriber<PersonUpdated>(db);
internal sealed class PartyStatusChangedSubscriber(AnalyticsDb db) : LoggingSubscriber<PartyStatusChanged>(db);
internal sealed class PeopleImportRolledBackSubscriber(AnalyticsDb db) : LoggingSubscriber<PeopleImportRolledBack>(db);
internal sealed class PersonTransferredOutSubscriber(AnalyticsDb db) : LoggingSubscriber<PersonTransferredOut>(db);
internal sealed class PersonTransferredInSubscriber(AnalyticsDb db) : LoggingSubscriber<PersonTransferredIn>(db);
internal sealed class PersonMovedSubscriber(AnalyticsDb db) : LoggingSubscriber<PersonMoved>(db);
internal sealed class PersonRelationChangedSubscriber(AnalyticsDb db) : LoggingSubscriber<PersonRelationChanged>(db);

/// <summary>Only the entries of the sets the read models use are logged (<see cref="PersonRecordEvents.Sets"/>): families and the like stay out of the log.</summary>
internal sealed class PersonRecordChangedSubscriber(AnalyticsDb db) : INotificationHandler<PersonRecordChanged>
{
    public Task Handle(PersonRecordChanged e, CancellationToken ct) =>
        PersonRecordEvents.Sets.Contains(e.Set) ? Projection.ReceiveAsync(db, e, ct) : Task.CompletedTask;
}

internal sealed class HonourApprovedSubscriber(AnalyticsDb db) : LoggingSubscriber<HonourApproved>(db);
internal sealed class HonourWithdrawnSubscriber(AnalyticsDb db) : LoggingSubscriber<HonourWithdrawn>(db);
internal sealed class MeetingRecordedSubscriber(AnalyticsDb db) : LoggingSubscriber<MeetingRecorded>(db);
internal sealed class MeetingRemovedSubscriber(AnalyticsDb db) : LoggingSubscriber<MeetingRemoved>(db);
internal sealed class MeetingQuotasCountedSubscriber(AnalyticsDb db) : LoggingSubscriber<MeetingQuotasCounted>(db);
internal sealed class DuesMonthTotalsChangedSubscriber(AnalyticsDb db) : LoggingSubscriber<DuesMonthTotalsChanged>(db);
internal sealed class UserSignedInSubscriber(AnalyticsDb db) : LoggingSubscriber<UserSignedIn>(db);
internal sealed class TrainingRecordedSubscriber(AnalyticsDb db) : LoggingSubscriber<TrainingRecorded>(db);

/// <summary>Only the rounds that grade members are logged (<see cref="ReviewAndTrainingEvents.GradesMembers"/>): annual reviews of branches stay out.</summary>
internal sealed class EvaluationRoundClosedSubscriber(AnalyticsDb db) : INotificationHandler<EvaluationRoundClosed>
{
    public Task Handle(EvaluationRoundClosed e, CancellationToken ct) =>
        ReviewAndTrainingEvents.GradesMembers(e) ? Projection.ReceiveAsync(db, e, ct) : Task.CompletedTask;
}
