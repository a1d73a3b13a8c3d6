using System.Text.Json;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>Parameters of the set-based statements: rows as one JSON array that <c>jsonb_to_recordset</c> reads (snake_case names).</summary>
internal static class Rows
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Json(IEnumerable<object> rows) => JsonSerializer.Serialize(rows, Options);

    /// <summary>
    /// An instant as PostgreSQL keeps it: whole microseconds, truncated as Npgsql truncates a parameter (text would be rounded),
    /// so the newest-wins comparisons see the same times whether an event came as a row or a parameter.
    /// </summary>
    public static DateTime Instant(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, DateTimeKind.Utc);
}
