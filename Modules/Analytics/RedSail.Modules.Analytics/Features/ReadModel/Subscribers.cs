using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Analytics.Features.ReadModel;

// Every event Analytics builds from goes the same way: logged for the rebuild, then applied (Projection), normally in batches.

/// <summary>
/// The deliveries of all of Analytics' subscribers in a round, logged and applied together. The event log is the inbox: an event
/// already logged is not applied again (<see cref="Projection.ReceiveAsync"/>), so the dispatcher writes no inbox rows for it.
/// </summary>
internal sealed class ProjectionBatch(AnalyticsDb db) : IBatchSubscriber
{
    public Task HandleAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken ct) => Projection.ReceiveAsync(db, events, ct);

    public bool RecognisesRedeliveries => true;
}

/// <summary>One event at a time: when a batch failed, its events are retried (and a bad one parked) this way.</summary>
internal abstract class LoggingSubscriber<TEvent>(AnalyticsDb db) : INotificationHandler<TEvent>, IDeliveredInBatchesBy<ProjectionBatch>
    where TEvent : IntegrationEvent
{
    public Task Handle(TEvent e, CancellationToken ct) => Projection.ReceiveAsync(db, [e], ct);
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

internal sealed class PersonRecordChangedSubscriber(AnalyticsDb db) : LoggingSubscriber<PersonRecordChanged>(db);

internal sealed class HonourApprovedSubscriber(AnalyticsDb db) : LoggingSubscriber<HonourApproved>(db);
internal sealed class HonourWithdrawnSubscriber(AnalyticsDb db) : LoggingSubscriber<HonourWithdrawn>(db);
internal sealed class MeetingRecordedSubscriber(AnalyticsDb db) : LoggingSubscriber<MeetingRecorded>(db);
internal sealed class MeetingRemovedSubscriber(AnalyticsDb db) : LoggingSubscriber<MeetingRemoved>(db);
internal sealed class MeetingQuotasCountedSubscriber(AnalyticsDb db) : LoggingSubscriber<MeetingQuotasCounted>(db);
internal sealed class DuesMonthTotalsChangedSubscriber(AnalyticsDb db) : LoggingSubscriber<DuesMonthTotalsChanged>(db);
internal sealed class UserSignedInSubscriber(AnalyticsDb db) : LoggingSubscriber<UserSignedIn>(db);
internal sealed class TrainingRecordedSubscriber(AnalyticsDb db) : LoggingSubscriber<TrainingRecorded>(db);
internal sealed class EvaluationRoundClosedSubscriber(AnalyticsDb db) : LoggingSubscriber<EvaluationRoundClosed>(db);
