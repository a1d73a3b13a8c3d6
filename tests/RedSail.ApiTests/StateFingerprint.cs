using Npgsql;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// A cheap fingerprint of the business state: per table of the modules' schemas its row count and, where it has one, max(version),
/// in one query. What a request may change without changing state is left out: the audit trail, sessions, sign-in bookkeeping,
/// OA tokens, the outbox/inbox delivery records and the scheduler's own tables (qrtz_*).
/// </summary>
internal static class StateFingerprint
{
    private static readonly string[] Schemas = ["personnel", "workflow", "honors", "archives", "analytics", "platform"];

    private static readonly string[] Ignored =
    [
        "platform.audit_log", "platform.audit_head", "platform.session", "platform.sign_in_failure", "platform.oa_token",
        "platform.sso_pending_login", "platform.sso_used_ticket",
    ];

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(TestHost host)
    {
        await using var connection = new NpgsqlConnection(host.OwnerConnectionString);
        await connection.OpenAsync();
        var tables = new List<(string Name, bool Versioned)>();
        await using (var list = new NpgsqlCommand("""
                   select t.table_schema || '.' || t.table_name,
                          exists (select 1 from information_schema.columns c
                                  where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'version')
                   from information_schema.tables t
                   where t.table_schema = any(@schemas) and t.table_type = 'BASE TABLE'
                     and t.table_name not like '%outbox%' and t.table_name not like '%inbox%' and t.table_name <> 'version_info' and t.table_name not like 'qrtz%'
                   order by 1
                   """, connection))
        {
            list.Parameters.AddWithValue("schemas", Schemas);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                if (!Ignored.Contains(reader.GetString(0))) tables.Add((reader.GetString(0), reader.GetBoolean(1)));
        }
        var sql = string.Join("\nunion all ", tables.Select(t =>
            $"select '{t.Name}', count(*)::text || '/' || {(t.Versioned ? "coalesce(max(version), 0)::text" : "''")} from {t.Name}"));
        var fingerprint = new Dictionary<string, string>();
        await using var query = new NpgsqlCommand(sql, connection);
        await using (var rows = await query.ExecuteReaderAsync())
            while (await rows.ReadAsync()) fingerprint[rows.GetString(0)] = rows.GetString(1);
        return fingerprint;
    }

    /// <summary>The tables whose fingerprint differs, as "table: before → after".</summary>
    public static IEnumerable<string> Changes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Select(t => $"{t}: {before.GetValueOrDefault(t)} → {after.GetValueOrDefault(t)}");
}
