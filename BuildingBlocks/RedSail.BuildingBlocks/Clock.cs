namespace RedSail.BuildingBlocks;

/// <summary>The one source of "now", so that rules with dates can be tested at any date.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }

    /// <summary>
    /// The institution's calendar date, in its time zone (default Asia/Shanghai): the date rules compare with
    /// ("not in the future", ages, probation), so that 07:00 Beijing time is today, not yesterday in UTC.
    /// </summary>
    DateOnly Today { get; }

    /// <summary>The institution's time zone (<c>RedSail:TimeZone</c>), the one its people's browsers are in.</summary>
    TimeZoneInfo Zone { get; }
}

internal sealed class SystemClock(TimeZoneInfo institutionZone) : IClock
{
    public TimeZoneInfo Zone => institutionZone;

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

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(UtcNow, institutionZone).DateTime);
}
