namespace RedSail.BuildingBlocks.Events;

/// <summary>
/// A subscriber got an event about a row of its copy that an earlier event creates (a rename of an organisation, an update
/// of a person) before that event. The written order is not the delivered order: two dispatch loops deliver side by side,
/// and a failed delivery is retried after later ones. Applied now, the change would touch no row and be lost; thrown, the
/// delivery is retried with back-off (<see cref="OutboxDispatcher"/>) until the creating event has arrived, and parked for
/// the administrator if it never does.
/// </summary>
public sealed class EventArrivedEarlyException(string message) : Exception(message);

public static class EarlyEvents
{
    /// <summary>
    /// Awaits an update of rows in a module's copy; if it changed none, the event that creates <paramref name="row"/> has not
    /// arrived yet (<see cref="EventArrivedEarlyException"/>). For copies that events create and keep (an inbox drops
    /// redeliveries, so a second update of an existing row is not what finds none).
    /// </summary>
    public static async Task ExpectingArrived(this Task<int> update, string row)
    {
        if (await update == 0) throw new EventArrivedEarlyException($"{row} is not in the copy yet: the event that creates it has not arrived");
    }
}
