using System.Reflection;
using FluentMigrator;
using MediatR;
using NUnit.Framework;
using RedSail.BuildingBlocks.Validation;
using RedSail.Testing;

namespace RedSail.ArchitectureTests;

/// <summary>How slices, handlers and migrations are shaped, so that a newcomer finds each use case by its name.</summary>
public sealed class SliceConventionTests
{
    private static readonly Type[] HandlerInterfaces = [typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(IValidator<>)];

    private static IEnumerable<Type> Handlers() =>
        Assemblies.WithSlices().SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition())));

    [Test]
    public void There_are_handlers_to_check() => Assert.That(Handlers().Count(), Is.GreaterThan(20));

    [Test]
    public void Handlers_and_validators_are_internal_and_sealed() =>
        Assert.That(Handlers().Where(t => !t.IsSealed || t.IsPublic).Select(t => t.FullName), Is.Empty);

    [Test]
    public void Every_handler_lives_in_a_feature_slice() =>
        Assert.That(Handlers().Where(t => !t.Namespace!.Contains(".Features.")).Select(t => t.FullName), Is.Empty);

    [Test]
    public void No_layered_folders_creep_in()
    {
        var layered = new[] { "Controllers", "Services", "Repositories" };
        var found = new[] { "Modules", "Host", "BuildingBlocks" }
            .SelectMany(top => Directory.EnumerateDirectories(Path.Combine(Repository.Root, top), "*", SearchOption.AllDirectories))
            .Where(d => !d.Contains("node_modules") && layered.Contains(Path.GetFileName(d)));
        Assert.That(found, Is.Empty);
    }

    private static IEnumerable<Type> MigrationTypes() =>
        Assemblies.Migrations.GetTypes().Where(t => typeof(IMigration).IsAssignableFrom(t) && !t.IsAbstract);

    [Test]
    public void Migrations_are_public_sealed_and_numbered_once_per_schema()
    {
        var migrations = MigrationTypes().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(migrations, Has.Count.GreaterThanOrEqualTo(6));
            Assert.That(migrations.Where(t => !t.IsPublic || !t.IsSealed).Select(t => t.Name), Is.Empty);
            Assert.That(migrations.Where(t => t.GetCustomAttribute<MigrationAttribute>() is null).Select(t => t.Name), Is.Empty);
            var duplicates = migrations.GroupBy(t => (t.Namespace, t.GetCustomAttribute<MigrationAttribute>()?.Version)).Where(g => g.Count() > 1);
            Assert.That(duplicates.Select(g => g.Key), Is.Empty);
        });
    }

    [Test]
    public void Each_migration_belongs_to_one_schemas_folder()
    {
        var schemas = RedSail.Migrations.SchemaMigrator.Schemas.Select(s => $"RedSail.Migrations.{char.ToUpperInvariant(s[0])}{s[1..]}").ToHashSet();
        Assert.That(MigrationTypes().Where(t => !schemas.Contains(t.Namespace!)).Select(t => t.FullName), Is.Empty);
    }

    [Test]
    public void Every_schema_has_its_first_migration() =>
        Assert.That(MigrationTypes().Where(t => t.GetCustomAttribute<MigrationAttribute>()!.Version == 1).Select(t => t.Namespace!.Split('.').Last().ToLowerInvariant()),
            Is.EquivalentTo(RedSail.Migrations.SchemaMigrator.Schemas));
}
