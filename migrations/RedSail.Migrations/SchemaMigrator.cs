using FluentMigrator.Runner;
using FluentMigrator.Runner.Initialization;
using FluentMigrator.Runner.VersionTableInfo;
using Microsoft.Extensions.DependencyInjection;

namespace RedSail.Migrations;

/// <summary>
/// Runs one schema's migrations: those in the namespace <c>RedSail.Migrations.{Schema}</c>, recorded in that
/// schema's own version table. Each run builds its own small service provider, kept out of the app's container.
/// </summary>
public static class SchemaMigrator
{
    public static readonly string[] Schemas = ["platform", "personnel", "workflow", "honors", "archives", "analytics"];

    public static Task MigrateAsync(string ownerConnectionString, string schema)
    {
        var ns = $"{typeof(SchemaMigrator).Namespace}.{char.ToUpperInvariant(schema[0])}{schema[1..]}";
        using var provider = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => runner
                .AddPostgres15_0()
                .WithGlobalConnectionString(ownerConnectionString)
                .ScanIn(typeof(SchemaMigrator).Assembly).For.Migrations())
            .AddSingleton<IVersionTableMetaData>(new SchemaVersionTable(schema))
            .Configure<TypeFilterOptions>(o => { o.Namespace = ns; o.NestedNamespaces = true; })
            .BuildServiceProvider(validateScopes: false);
        provider.GetRequiredService<IMigrationRunner>().MigrateUp();
        return Task.CompletedTask;
    }
}
