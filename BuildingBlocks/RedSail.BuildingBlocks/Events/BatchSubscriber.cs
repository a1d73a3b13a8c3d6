namespace RedSail.BuildingBlocks.Events;

/// <summary>
/// A receiver that applies many events in one transaction far faster than one at a time (set-based statements), such as
/// Analytics' read models. The dispatcher hands it, together, the claimed deliveries of every subscriber that declares
/// <see cref="IDeliveredInBatchesBy{TBatch}"/> for it: their inbox rows and its effect commit in one transaction of the
/// receiver's session, after which the deliveries are taken off the sender's outbox (a crash in between delivers them
/// again). If the batch fails, the same deliveries are retried one by one through the subscribers themselves, so a bad
/// event is retried and parked alone and never holds up the others.
/// </summary>
public interface IBatchSubscriber
{
    /// <summary>
    /// Events new to the receiver's inbox (or every claimed one, if it <see cref="RecognisesRedeliveries"/>), in the order
    /// claimed, each once; the caller's transaction is open.
    /// </summary>
    Task HandleAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken ct);

    /// <summary>
    /// True if <see cref="HandleAsync"/> itself recognises an event it has applied before, by its id and in the same transaction
    /// (Analytics' event log): the dispatcher then writes no inbox rows for its batches and hands it every claimed event,
    /// redeliveries included. An inbox row per event was 5% of a batch's database time (docs/benchmarks.md).
    /// </summary>
    bool RecognisesRedeliveries => false;
}

/// <summary>
/// Marks a subscriber whose deliveries may go to <typeparamref name="TBatch"/> with others'. The batch must have the same
/// effect as the subscriber would have had on each event, in the order given (the subscriber stays the one-by-one path).
/// </summary>
public interface IDeliveredInBatchesBy<TBatch> where TBatch : IBatchSubscriber
{
}
