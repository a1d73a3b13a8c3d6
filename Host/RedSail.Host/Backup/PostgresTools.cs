using System.Diagnostics;
using Npgsql;
using RedSail.BuildingBlocks.Data;

namespace RedSail.Host.Backup;

/// <summary>
/// pg_dump and pg_restore from the PostgreSQL installation the embedded cluster uses (<see cref="PostgresServer.FindBinaries"/>),
/// connected as the owner connection string says. The password goes through the environment, never the command line.
/// </summary>
internal sealed class PostgresTools(string ownerConnectionString)
{
    private readonly string _bin = PostgresServer.FindBinaries();

    public async Task<string> VersionAsync(string tool) => (await RunAsync(tool, ["--version"], CancellationToken.None)).Trim();

    /// <summary>Runs the tool to the end; a non-zero exit is <see cref="PostgresToolException"/> with what it wrote.</summary>
    public async Task<string> RunAsync(string tool, IEnumerable<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Path.Combine(_bin, tool))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in Environment(ownerConnectionString)) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new PostgresToolException(tool, -1, "not started");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = await stdout;
        if (process.ExitCode != 0) throw new PostgresToolException(tool, process.ExitCode, output + await stderr);
        return output;
    }

    /// <summary>libpq's variables for the same server, database and user as the Npgsql connection string.</summary>
    private static Dictionary<string, string?> Environment(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new Dictionary<string, string?>
        {
            ["PGHOST"] = builder.Host,
            ["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = builder.Username,
            ["PGPASSWORD"] = builder.Password,
            ["PGDATABASE"] = builder.Database,
            ["PGSSLMODE"] = builder.SslMode switch
            {
                SslMode.Disable => "disable", SslMode.Allow => "allow", SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => "prefer",
            },
            ["PGAPPNAME"] = "redsail-backup",
            ["LC_ALL"] = "C.UTF-8",
        };
    }
}

internal sealed class PostgresToolException(string tool, int exitCode, string output)
    : Exception($"{tool} failed (exit {exitCode}): {output.Trim()}")
{
    public string Tool { get; } = tool;
}
