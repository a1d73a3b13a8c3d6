using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;
using System.Text.Json;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>
/// Analytics' read models as a function of the events it received. The subscribers log the events in <c>analytics.event_log</c>
/// and apply them in the same transaction, a batch of deliveries at a time (<see cref="ProjectionBatch"/>); the <c>rebuild</c>
/// verb empties the models and applies the log again in occurred_at order, through the same code. Every apply is idempotent
/// and order-tolerant (see <see cref="PersonEvents"/>), so the log order need not be the senders' order.
/// </summary>
internal static class Projection
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Logs and applies events delivered by the outbox, in one statement for the log; those already logged (a second
    /// delivery) change nothing. Events the models do not use (<see cref="Keeps"/>) are neither logged nor applied.
    /// </summary>
    public static async Task ReceiveAsync(DbSession db, IReadOnlyList<IntegrationEvent> events, CancellationToken ct)
    {
        var kept = events.DistinctBy(e => e.EventId).Where(Keeps).ToList();
        if (kept.Count == 0) return;
        await MemberFacts.PlanForBatchesAsync(db, ct);
        // Count deltas are recorded with organisation paths, which a move changes (MemberFacts.LockTreeAsync).
        await MemberFacts.LockTreeAsync(db, alone: kept.Any(e => e is OrganizationMoved), ct);
        var logged = (await db.QueryAsync<Guid>("""
            insert into analytics.event_log (event_id, event_type, payload, occurred_at)
            select id, type, payload::jsonb, occurred from unnest(@ids, @types, @payloads, @occurred) as e(id, type, payload, occurred)
            on conflict (event_id) do nothing
            returning event_id
            """, new
            {
                ids = kept.Select(e => e.EventId).ToArray(),
                types = kept.Select(e => e.GetType().Name).ToArray(),
                payloads = kept.Select(e => JsonSerializer.Serialize(e, e.GetType(), Json)).ToArray(),
                occurred = kept.Select(e => e.OccurredAt.UtcDateTime).ToArray(),
            }, ct)).ToHashSet();
        await ApplyAsync(db, kept.Where(e => logged.Contains(e.EventId)).ToList(), countNow: true, ct);
    }

    /// <summary>
    /// Entries of information sets the models do not use (families and the like) and evaluation rounds that grade no members
    /// (annual reviews of branches, invalid rounds) stay out of the log.
    /// </summary>
    private static bool Keeps(IntegrationEvent e) => e switch
    {
        PersonRecordChanged r => PersonRecordEvents.Sets.Contains(r.Set),
        EvaluationRoundClosed r => ReviewAndTrainingEvents.GradesMembers(r),
        _ => true,
    };

    /// <summary>The event types the models are built from, by their logged name (for the replay).</summary>
    public static readonly IReadOnlyDictionary<string, Type> EventTypes = new[]
    {
        typeof(OrganizationCreated), typeof(OrganizationRenamed), typeof(OrganizationMoved), typeof(OrganizationsMerged), typeof(OrganizationDissolved),
        typeof(PersonRecorded), typeof(PersonUpdated), typeof(PartyStatusChanged), typeof(PeopleImportRolledBack), typeof(PersonTransferredOut),
        typeof(PersonTransferredIn), typeof(PersonMoved), typeof(PersonRelationChanged), typeof(PersonRecordChanged), typeof(HonourApproved), typeof(HonourWithdrawn),
        typeof(MeetingRecorded), typeof(MeetingRemoved), typeof(MeetingQuotasCounted), typeof(DuesMonthTotalsChanged),
        typeof(UserSignedIn), typeof(EvaluationRoundClosed), typeof(TrainingRecorded),
    }.ToDictionary(t => t.Name);

    /// <summary>
    /// Applies events in order: each run of events that have a set-based applier (person events, created organisations) with
    /// one call, every other event on its own, so that an organisation moved between person events is applied between them.
    /// </summary>
    /// <param name="countNow">Whether the counts follow each change (live), or are left to one recount at the end (rebuild).</param>
    private static async Task ApplyAsync(DbSession db, IReadOnlyList<IntegrationEvent> events, bool countNow, CancellationToken ct)
    {
        var run = new List<IntegrationEvent>();
        Func<DbSession, IReadOnlyList<IntegrationEvent>, bool, CancellationToken, Task>? runApplier = null;
        foreach (var e in events)
        {
            var applier = SetBased(e);
            if (run.Count > 0 && applier != runApplier)
            {
                await runApplier!(db, run, countNow, ct);
                run.Clear();
            }
            runApplier = applier;
            if (applier is null) await ApplyOtherAsync(db, e, countNow, ct);
            else run.Add(e);
        }
        if (run.Count > 0) await runApplier!(db, run, countNow, ct);
    }

    private static Func<DbSession, IReadOnlyList<IntegrationEvent>, bool, CancellationToken, Task>? SetBased(IntegrationEvent e) => e switch
    {
        OrganizationCreated => OrganizationEvents.CreatedAsync,
        _ when PersonEvents.Handles(e) => PersonEvents.ApplyAsync,
        _ => null,
    };

    private static Task ApplyOtherAsync(DbSession db, IntegrationEvent e, bool countNow, CancellationToken ct) => e switch
    {
        OrganizationRenamed o => OrganizationTreeCopy.RenameAsync(db, o.OrganizationId, o.Name, ct).ExpectingArrived($"organisation {o.OrganizationId}"),
        OrganizationMoved o => OrganizationEvents.MovedAsync(db, o, countNow, ct),
        OrganizationsMerged o => OrganizationEvents.MergedAsync(db, o, countNow, ct),
        OrganizationDissolved o => OrganizationEvents.ClosedAsync(db, o.OrganizationId, "dissolved", countNow, ct),
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
    /// the old figures until the rebuilt ones commit. The facts are replayed without counting; the counts, a function of the
    /// facts, are computed once at the end (far cheaper than following every change). Returns the number of events replayed.
    /// </summary>
    public static async Task<long> RebuildAsync(DbSession db, int batchSize, CancellationToken ct)
    {
        await MemberFacts.LockTreeAsync(db, alone: true, ct); // live deliveries wait: their deltas would count twice beside the recount
        // DELETE, not TRUNCATE: the module's role may change rows, not tables (DatabaseProvisioner).
        await db.ExecuteAsync("""
            delete from analytics.member_count; delete from analytics.member_count_delta; delete from analytics.flow; delete from analytics.member;
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
            if (batch.Count == 0)
            {
                await MemberFacts.RecountAsync(db, ct);
                return replayed;
            }
            await ApplyAsync(db, batch.Where(logged => EventTypes.ContainsKey(logged.EventType))
                .Select(logged => (IntegrationEvent)JsonSerializer.Deserialize(logged.Payload, EventTypes[logged.EventType], Json)!).ToList(), countNow: false, ct);
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
