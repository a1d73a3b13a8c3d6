using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using RedSail.Host.Cli;
using RedSail.Host.Startup;

namespace RedSail.Testing;

/// <summary>A verb of the host binary run against a test database as the CLI runs it (bootstrap, then the verb), with what it printed.</summary>
public static class HostVerb
{
    /// <summary>Runs the verb; stdout and stderr are captured together (callers must not run in parallel: the console is global).</summary>
    public static async Task<(int Code, string Output)> RunAsync(string database, IDictionary<string, string?>? settings, string verb, params string[] args)
    {
        var builder = WebApplication.CreateBuilder();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:RedSail"] = TestCluster.Server.ConnectionString(database),
            ["RedSail:KeyRingPath"] = TestCluster.KeyRingPath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        builder.Configuration.AddInMemoryCollection(values);
        await using var bootstrap = await DatabaseBootstrap.PrepareAsync(builder.Configuration, NullLogger.Instance);
        await using var app = RedSailApp.Build(builder, bootstrap);
        var output = new StringWriter();
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(output);
        try { return (await Verbs.RunAsync(verb, args, app, bootstrap), output.ToString()); }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
