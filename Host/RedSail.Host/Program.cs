using RedSail.BuildingBlocks.Data;
using RedSail.Host.Cli;
using RedSail.Host.Startup;

// RedSail.Host [verb] [options] — see Verbs.Usage.
var verb = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=')) ?? "run";
var verbArgs = args.SkipWhile(a => a != verb).Skip(1).ToArray();
if (verb is "help" or "--help") { Console.WriteLine(Verbs.Usage); return 0; }

// The content root is the binaries' folder (settings and the built UI are copied there), wherever it is run from;
// relative paths in settings (RedSail:DataPath) stay relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args.Where(a => a.StartsWith("--") && a.Contains('=')).ToArray(),
    ContentRootPath = AppContext.BaseDirectory,
});
using var loggerFactory = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
var log = loggerFactory.CreateLogger("RedSail");

DatabaseBootstrap database;
try
{
    database = await DatabaseBootstrap.PrepareAsync(builder.Configuration, log);
}
catch (PostgresNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

await using (database)
{
    var app = RedSailApp.Build(builder, database);
    if (verb != "run") return await Verbs.RunAsync(verb, verbArgs, app, database);

    if (database.IsEmbedded && builder.Configuration.GetValue("RedSail:Demo", true))
    {
        var dataPath = Path.GetFullPath(builder.Configuration["RedSail:DataPath"] ?? ".redsail");
        var credentials = await DemoSetup.RunIfFirstStartAsync(app.Services, dataPath, CancellationToken.None);
        if (credentials is not null) Console.WriteLine(Environment.NewLine + credentials);
        else Console.WriteLine($"Sign-in accounts of this installation: {Path.Combine(dataPath, "initial-credentials.txt")}");
    }
    await app.RunAsync();
    return 0;
}
