namespace RedSail.BuildingBlocks.Events;

/// <summary>Who listens to which integration event, and the event types by their stored name.</summary>
public sealed class SubscriberRegistry
{
    private readonly Dictionary<Type, SubscriberRegistration[]> _byEvent;
    private readonly Dictionary<string, SubscriberRegistration> _byName;
    private readonly Dictionary<string, Type> _eventTypes;

    public SubscriberRegistry(IEnumerable<SubscriberRegistration> registrations, IEnumerable<EventTypeRegistration> eventTypes)
    {
        var all = registrations.DistinctBy(r => r.Name).ToArray();
        // A batch applies each event once, so two subscribers to one event may not share a batch (each would expect its own effect).
        if (all.Where(r => r.BatchType is not null).GroupBy(r => (r.BatchType, r.EventType)).FirstOrDefault(g => g.Count() > 1) is { } shared)
            throw new InvalidOperationException(
                $"{string.Join(" and ", shared.Select(r => r.Name))} both subscribe to {shared.Key.EventType.Name} through the batch {shared.Key.BatchType!.Name}.");
        _byEvent = all.GroupBy(r => r.EventType).ToDictionary(g => g.Key, g => g.ToArray());
        _byName = all.ToDictionary(r => r.Name);
        Batches = all.Where(r => r.BatchType is not null).GroupBy(r => r.BatchType!)
            .Select(g => new BatchRoute(g.Key, g.Select(r => r.Name).Order(StringComparer.Ordinal).ToArray())).ToArray();
        OneByOne = all.Where(r => r.BatchType is null).Select(r => r.Name).Order(StringComparer.Ordinal).ToArray();
        _eventTypes = eventTypes.Select(e => e.EventType).Concat(all.Select(r => r.EventType)).Distinct()
            .ToDictionary(NameOf);
    }

    /// <summary>Each <see cref="IBatchSubscriber"/> with the names of the subscribers whose deliveries it takes.</summary>
    public IReadOnlyList<BatchRoute> Batches { get; }

    /// <summary>The names of the subscribers delivered one event at a time (no batch takes them).</summary>
    public string[] OneByOne { get; }

    public IReadOnlyList<SubscriberRegistration> SubscribersOf(Type eventType) => _byEvent.GetValueOrDefault(eventType) ?? [];

    public SubscriberRegistration? Subscriber(string name) => _byName.GetValueOrDefault(name);

    public Type? EventType(string name) => _eventTypes.GetValueOrDefault(name);

    /// <summary>Stored event names are the type's short name: contracts may move between namespaces.</summary>
    public static string NameOf(Type eventType) => eventType.Name;
}

/// <summary>A batch subscriber and the subscribers (by name) whose deliveries go to it together.</summary>
public sealed record BatchRoute(Type BatchType, string[] Subscribers);

/// <summary>Declares an event type a module publishes, so that it can be read back from the outbox.</summary>
public sealed record EventTypeRegistration(Type EventType);
