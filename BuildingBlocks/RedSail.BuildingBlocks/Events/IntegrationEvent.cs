using MediatR;

namespace RedSail.BuildingBlocks.Events;

/// <summary>
/// A fact one module tells the others, named in the past tense (e.g. <c>OrganizationCreated</c>).
/// Immutable; identified by <see cref="EventId"/> so that receivers can ignore a redelivery.
/// </summary>
public abstract record IntegrationEvent : INotification
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A subscriber: a handler of one event type, in the module whose inbox records what it has processed.</summary>
public sealed record SubscriberRegistration(Type HandlerType, Type EventType, string ReceiverSchema)
{
    /// <summary>The stable name stored in outbox and inbox rows.</summary>
    public string Name => HandlerType.FullName!;

    /// <summary>The <see cref="IBatchSubscriber"/> this subscriber's deliveries may be handed to with others', if any.</summary>
    public Type? BatchType { get; } = HandlerType.GetInterfaces()
        .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDeliveredInBatchesBy<>))?.GetGenericArguments()[0];
}
