using MediatR;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Events;
using RedSail.BuildingBlocks.Localization;
using RedSail.BuildingBlocks.Validation;
using RedSail.Host.Backup;
using RedSail.Host.Startup;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Platform.Access;
using RedSail.Platform.Features.Users;

namespace RedSail.Host.Cli;

/// <summary>
/// The host binary's verbs. <c>run</c> (default) serves; the others prepare the same database (embedded or
/// configured), do one job and exit with 0 on success.
/// </summary>
public static class Verbs
{
    public const string Usage = """
        RedSail 红帆智慧党建

          RedSail.Host [run]                                   serve the web UI and APIs (default http://127.0.0.1:5080)
          RedSail.Host migrate                                 create roles and schemas, apply migrations, exit
          RedSail.Host seed demo [--seed N]                    add the demo institute to an empty database
          RedSail.Host seed --scale N [--seed S]               add a synthetic tree of ~N/17 organisations and N people to an
                                                               empty database (benchmarks; not propagated to other modules)
          RedSail.Host create-admin --user NAME --name TEXT [--role system_admin|security_admin|audit_admin]
                                                               create an administrator (password from REDSAIL_ADMIN_PASSWORD,
                                                               else generated); prints the TOTP secret once
          RedSail.Host verify-audit                            check the audit hash chain; exit 3 at the first broken link
          RedSail.Host reindex [--batch N]                     rebuild the archive's full-text search columns (batches of N, 500)
          RedSail.Host rebuild analytics                       rebuild Analytics' read models from its event log (same figures)
          RedSail.Host backup --to DIR                         copy the database (pg_dump, one snapshot) and the archive's files into a
                                                               new folder with a manifest of checksums (docs/reliability.md)
          RedSail.Host restore --from DIR                      verify a backup, restore it into an EMPTY database and file store, check
                                                               every table and file against the manifest; exit 4 refused, 5 failed

        Without ConnectionStrings__RedSail the embedded PostgreSQL cluster under RedSail__DataPath (.redsail) is used.
        """;

    public static async Task<int> RunAsync(string verb, string[] args, WebApplication app, DatabaseBootstrap database)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.Principal = Principal.System;
        context.SourceAddress = "cli";
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        try
        {
            switch (verb)
            {
                case "migrate":
                    Console.WriteLine("Database migrated.");
                    return 0;
                case "seed" when args.FirstOrDefault() == "demo":
                    var added = await mediator.Send(new SeedDemoData(int.TryParse(Option(args, "--seed"), out var seed) ? seed : 20190701));
                    Console.WriteLine(added > 0 ? $"Demo data added: {added} people." : "The database already has organisations; nothing added.");
                    // Workflow's demo work needs its copy of the tree and roster: deliver Personnel's events first.
                    var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
                    while (await dispatcher.DispatchDueAsync() > 0) { }
                    var work = await mediator.Send(new SeedWorkflowDemoData(int.TryParse(Option(args, "--seed"), out var workSeed) ? workSeed : 20190701));
                    Console.WriteLine(work > 0 ? $"Demo party work added: {work} rows." : "The demo's party work was already there; nothing added.");
                    var honours = await mediator.Send(new SeedHonorsDemoData());
                    var archive = await mediator.Send(new SeedArchivesDemoData());
                    Console.WriteLine($"Demo honours and archive added: {honours} + {archive} rows.");
                    return 0;
                case "seed" when Option(args, "--scale") is { } scaleText:
                    if (!int.TryParse(scaleText, out var scale) || scale < 1)
                    {
                        Console.Error.WriteLine(Usage);
                        return 2;
                    }
                    var result = await mediator.Send(new SeedScaleData(scale, int.TryParse(Option(args, "--seed"), out var scaleSeed) ? scaleSeed : 20190701));
                    Console.WriteLine(result.People > 0
                        ? $"Scale data added: {result.Organizations} organisations, {result.People} people in {result.Total.TotalSeconds:0.0} s " +
                          $"({result.RowsPerSecond:0} rows/s; generation {result.Generation.TotalSeconds:0.0} s, encryption {result.Encryption.TotalSeconds:0.0} s, " +
                          $"COPY {result.Copy.TotalSeconds:0.0} s, change rows {result.Changes.TotalSeconds:0.0} s)."
                        : "The database already has organisations; nothing added.");
                    return 0;
                case "rebuild" when args.FirstOrDefault() is null or "analytics":
                    var started = System.Diagnostics.Stopwatch.StartNew();
                    var replayed = await mediator.Send(new RebuildAnalytics());
                    Console.WriteLine($"Analytics rebuilt from {replayed} logged events in {started.Elapsed.TotalSeconds:0.0} s.");
                    return 0;
                case "create-admin":
                    return await CreateAdminAsync(args, mediator);
                case "reindex":
                    return await ReindexAsync(mediator, int.TryParse(Option(args, "--batch"), out var batch) ? batch : 500);
                case "backup" when Option(args, "--to") is { } to:
                    return await new BackupCommand(scope.ServiceProvider, database).RunAsync(to);
                case "restore" when Option(args, "--from") is { } from:
                    return await new RestoreCommand(scope.ServiceProvider, database).RunAsync(from);
                case "verify-audit":
                    var verification = await scope.ServiceProvider.GetRequiredService<AuditTrail>().VerifyAsync();
                    Console.WriteLine(verification.Intact
                        ? $"Audit trail intact: {verification.Checked} rows verified."
                        : $"Audit trail BROKEN at sequence {verification.FirstBrokenSequence} ({verification.Checked} rows verified before it).");
                    return verification.Intact ? 0 : 3;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ValidationFailedException e)
        {
            var messages = scope.ServiceProvider.GetRequiredService<MessageCatalog>();
            foreach (var error in e.Errors) Console.Error.WriteLine(messages.FieldMessage(error, e.Scope));
            return 2;
        }
    }

    /// <summary>The archive's search vectors rebuilt batch by batch, each in its own transaction, with progress.</summary>
    private static async Task<int> ReindexAsync(IMediator mediator, int batchSize)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var indexed = 0L;
        for (Guid? after = null; ;)
        {
            var result = await mediator.Send(new RebuildSearchIndex(after, batchSize));
            indexed += result.Indexed;
            after = result.Last;
            Console.WriteLine($"Reindexed {indexed:N0} / {result.Total:N0} documents ({started.Elapsed.TotalSeconds:0.0} s).");
            if (result.Done) break;
        }
        Console.WriteLine($"Search index rebuilt: {indexed:N0} documents in {started.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    private static async Task<int> CreateAdminAsync(string[] args, IMediator mediator)
    {
        var user = Option(args, "--user");
        var name = Option(args, "--name") ?? user;
        var role = Option(args, "--role") ?? RoleCatalog.SystemAdmin;
        if (user is null || RoleCatalog.Find(role) is not { Administrator: true })
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var password = Environment.GetEnvironmentVariable("REDSAIL_ADMIN_PASSWORD");
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = DemoSetup.GeneratePassword();
        var created = await mediator.Send(new CreateAdministrator(user, name!, password!, role));
        Console.WriteLine($"Created {role} '{user}'.");
        if (generated) Console.WriteLine($"Password: {password}");
        Console.WriteLine($"TOTP secret (add to an authenticator app): {created.TotpSecret}");
        Console.WriteLine($"TOTP URI: {created.TotpUri}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
