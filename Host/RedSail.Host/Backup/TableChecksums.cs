using Dapper;
using Npgsql;

namespace RedSail.Host.Backup;

/// <summary>
/// Every table's row count and a content checksum, computed by the server: MD5 over the MD5 of each row's text, in
/// primary-key order (whole-row order for a table without one). The session's output settings are fixed so the same
/// rows give the same text on any server.
/// </summary>
internal static class TableChecksums
{
    public static async Task<List<TableEntry>> ComputeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<string> schemas, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            set local timezone = 'UTC'; set local datestyle = 'ISO, YMD'; set local intervalstyle = 'postgres';
            set local extra_float_digits = 1; set local bytea_output = 'hex';
            """, transaction: transaction, cancellationToken: ct));
        var tables = await connection.QueryAsync<TableKey>(new CommandDefinition("""
            select n.nspname as schema, c.relname as name,
                   (select array_agg(quote_ident(a.attname) order by k.ord)
                    from pg_index i cross join unnest(i.indkey) with ordinality k(attnum, ord)
                    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                    where i.indrelid = c.oid and i.indisprimary) as key
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any(@schemas)
            order by n.nspname, c.relname
            """, new { schemas = schemas.ToArray() }, transaction, cancellationToken: ct));
        var result = new List<TableEntry>();
        foreach (var table in tables)
        {
            var order = table.Key is { Length: > 0 } key ? string.Join(", ", key.Select(c => "t." + c)) : "t::text collate \"C\"";
            var (rows, checksum) = await connection.QuerySingleAsync<(long, string)>(new CommandDefinition($"""
                select count(*), md5(coalesce(string_agg(md5(t::text), '' order by {order}), ''))
                from {Quote(table.Schema)}.{Quote(table.Name)} t
                """, transaction: transaction, cancellationToken: ct));
            result.Add(new TableEntry($"{table.Schema}.{table.Name}", rows, checksum));
        }
        return result;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private sealed class TableKey
    {
        public required string Schema { get; init; }
        public required string Name { get; init; }
        public string[]? Key { get; init; }
    }
}
