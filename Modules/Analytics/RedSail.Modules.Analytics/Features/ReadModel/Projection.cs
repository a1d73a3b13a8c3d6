using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;
using System.Text.Json;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>
/// Analytics' read models as a function of the events it received. A subscriber logs the event in <c>analytics.event_log</c>
/// and applies it in the same transaction; the <c>rebuild</c> verb empties the models and applies the log again in
/// occurred_at order. Every apply is idempotent and order-tolerant (see <see cref="MemberFacts"/>), so the log order need not
/// be the senders' order.
/// </summary>
internal static class Projection
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Logs and applies an event delivered by the outbox; a second delivery of the same event changes nothing.</summary>
    public static async Task ReceiveAsync(DbSession db, IntegrationEvent e, CancellationToken ct)
    {
        var type = e.GetType();
        var first = await db.ExecuteAsync("""
            insert into analytics.event_log (event_id, event_type, payload, occurred_at) values (@id, @type, @payload::jsonb, @occurred)
            on conflict (event_id) do nothing
            """, new { id = e.EventId, type = type.Name, payload = JsonSerializer.Serialize(e, type, Json), occurred = e.OccurredAt.UtcDateTime }, ct);
        if (first == 1) await ApplyAsync(db, e, ct);
    }

    /// <summary>The event types the models are built from, by their logged name (for the replay).</summary>
    public static readonly IReadOnlyDictionary<string, Type> EventTypes = new[]
    {
        typeof(OrganizationCreated), typeof(OrganizationRenamed), typeof(OrganizationMoved), typeof(OrganizationsMerged), typeof(OrganizationDissolved),
        typeof(PersonRecorded), typeof(PersonUpdated), typeof(PartyStatusChanged), typeof(PeopleImportRolledBack), typeof(PersonTransferredOut),
        typeof(PersonTransferredIn), typeof(PersonMoved), typeof(PersonRelationChanged), typeof(PersonRecordChanged), typeof(HonourApproved), typeof(HonourWithdrawn),
        typeof(MeetingRecorded), typeof(MeetingRemoved), typeof(MeetingQuotasCounted), typeof(DuesMonthTotalsChanged),
        typeof(UserSignedIn), typeof(EvaluationRoundClosed), typeof(TrainingRecorded),
    }.ToDictionary(t => t.Name);

    public static Task ApplyAsync(DbSession db, IntegrationEvent e, CancellationToken ct) => e switch
    {
        OrganizationCreated o => OrganizationEvents.CreatedAsync(db, o, ct),
        OrganizationRenamed o => OrganizationTreeCopy.RenameAsync(db, o.OrganizationId, o.Name, ct),
        OrganizationMoved o => OrganizationEvents.MovedAsync(db, o, ct),
        OrganizationsMerged o => OrganizationEvents.MergedAsync(db, o, ct),
        OrganizationDissolved o => OrganizationEvents.ClosedAsync(db, o.OrganizationId, "dissolved", ct),
        PersonRecorded p => PersonEvents.RecordedAsync(db, p, ct),
        PersonUpdated p => PersonEvents.UpdatedAsync(db, p, ct),
        PartyStatusChanged p => PersonEvents.StatusChangedAsync(db, p, ct),
        PeopleImportRolledBack p => PersonEvents.RolledBackAsync(db, p, ct),
        PersonTransferredOut p => PersonEvents.RelationAsync(db, p.EventId, p.PersonId, p.OrganizationId, "transferred_out", p.OccurredAt, "loss:transferred_out", p.EffectiveOn, ct),
        PersonTransferredIn p => PersonEvents.RelationAsync(db, p.EventId, p.PersonId, p.OrganizationId, "active", p.OccurredAt, "transferred_in", p.EffectiveOn, ct),
        PersonMoved p => PersonEvents.MovedAsync(db, p, ct),
        PersonRelationChanged p => PersonEvents.RelationAsync(db, p.EventId, p.PersonId, p.OrganizationId, p.To, p.OccurredAt, null, p.EffectiveOn, ct),
        PersonRecordChanged p => PersonRecordEvents.ChangedAsync(db, p, ct),
        HonourApproved h => HonourEvents.ApprovedAsync(db, h, ct),
        HonourWithdrawn h => HonourEvents.WithdrawnAsync(db, h, ct),
        MeetingRecorded m => WorkflowEvents.MeetingRecordedAsync(db, m, ct),
        MeetingRemoved m => WorkflowEvents.MeetingRemovedAsync(db, m, ct),
        MeetingQuotasCounted q => WorkflowEvents.QuotasCountedAsync(db, q, ct),
        DuesMonthTotalsChanged d => WorkflowEvents.DuesTotalsAsync(db, d, ct),
        UserSignedIn s => SignInEvents.SignedInAsync(db, s, ct),
        EvaluationRoundClosed r => ReviewAndTrainingEvents.RoundClosedAsync(db, r, ct),
        TrainingRecorded t => ReviewAndTrainingEvents.TrainingRecordedAsync(db, t, ct),
        _ => Task.CompletedTask,
    };

    /// <summary>
    /// Empties the models and applies the event log again in occurred_at order, in the caller's one transaction: readers see
    /// the old figures until the rebuilt ones commit. Returns the number of events replayed.
    /// </summary>
    public static async Task<long> RebuildAsync(DbSession db, int batchSize, CancellationToken ct)
    {
        // DELETE, not TRUNCATE: the module's role may change rows, not tables (DatabaseProvisioner).
        await db.ExecuteAsync("""
            delete from analytics.member_count; delete from analytics.flow; delete from analytics.member;
            delete from analytics.honour; delete from analytics.organization; delete from analytics.person_record;
            delete from analytics.meeting; delete from analytics.meeting_quota; delete from analytics.meeting_quota_year; delete from analytics.dues_month;
            delete from analytics.sign_in; delete from analytics.review_grade; delete from analytics.training;
            """, null, ct);
        long replayed = 0;
        (DateTime At, long Seq) after = (DateTime.MinValue, 0);
        while (true)
        {
            var batch = await db.QueryAsync<LoggedEvent>("""
                select seq, event_type, payload::text as payload, occurred_at from analytics.event_log
                where (occurred_at, seq) > (@at, @seq) order by occurred_at, seq limit @batchSize
                """, new { at = after.At, seq = after.Seq, batchSize }, ct);
            if (batch.Count == 0) return replayed;
            foreach (var logged in batch)
                if (EventTypes.TryGetValue(logged.EventType, out var type))
                    await ApplyAsync(db, (IntegrationEvent)JsonSerializer.Deserialize(logged.Payload, type, Json)!, ct);
            replayed += batch.Count;
            after = (batch[^1].OccurredAt, batch[^1].Seq);
        }
    }

    private sealed class LoggedEvent
    {
        public long Seq { get; init; }
        public string EventType { get; init; } = "";
        public string Payload { get; init; } = "";
        public DateTime OccurredAt { get; init; }
    }
}
