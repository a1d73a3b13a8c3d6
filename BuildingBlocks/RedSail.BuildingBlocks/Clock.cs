namespace RedSail.BuildingBlocks;

/// <summary>The one source of "now", so that rules with dates can be tested at any date.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
}

internal sealed class SystemClock : IClock
{
    // PostgreSQL keeps microseconds; truncating here makes a value read back equal to the value written
    // (the audit hash chain depends on that).
    public DateTimeOffset UtcNow
    {
        get
        {
            var now = DateTimeOffset.UtcNow;
            return now.AddTicks(-(now.Ticks % 10));
        }
    }
}
