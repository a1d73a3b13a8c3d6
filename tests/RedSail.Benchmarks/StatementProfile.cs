using RedSail.Testing;

/// <summary>
/// Where a phase's database time went, statement by statement (pg_stat_statements, with planning), for benchmarks run with
/// <c>--statements</c>: the server then loads the extension (Program.cs). Without the option it does nothing.
/// </summary>
internal static class StatementProfile
{
    public static bool On { get; set; }

    public static async Task ResetAsync(TestHost host)
    {
        if (!On) return;
        await host.ExecuteAsync("create extension if not exists pg_stat_statements");
        await host.ExecuteAsync("select pg_stat_statements_reset()");
    }

    /// <summary>Prints the <paramref name="top"/> statements by planning plus execution time since <see cref="ResetAsync"/>.</summary>
    public static async Task PrintAsync(TestHost host, string phase, int top = 15)
    {
        if (!On) return;
        await using var connection = new Npgsql.NpgsqlConnection(host.OwnerConnectionString);
        await connection.OpenAsync();
        var rows = await Dapper.SqlMapper.QueryAsync<(long Calls, double PlanMs, double ExecMs, long Rows, string Query)>(connection, """
            select calls, total_plan_time, total_exec_time, rows, regexp_replace(left(query, 160), '\s+', ' ', 'g')
            from pg_stat_statements where query not like '%pg_stat_statements%'
            order by total_plan_time + total_exec_time desc limit @top
            """, new { top });
        Console.WriteLine();
        Console.WriteLine($"| {phase}: statement | calls | plan ms | exec ms | rows |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in rows) Console.WriteLine($"| `{r.Query.Replace("|", "\\|")}` | {r.Calls:N0} | {r.PlanMs:N0} | {r.ExecMs:N0} | {r.Rows:N0} |");
    }
}
