using System.Text.RegularExpressions;
using NUnit.Framework;
using RedSail.Testing;

namespace RedSail.ArchitectureTests;

/// <summary>The first wall between modules (the second is PostgreSQL grants, tested in the integration tests).</summary>
public sealed class ModuleIsolationTests
{
    private static IEnumerable<string> Modules() => Assemblies.ModuleNames;

    [TestCaseSource(nameof(Modules))]
    public void A_module_references_other_modules_only_through_their_contracts(string module)
    {
        var forbidden = Assemblies.RedSailReferences(Assemblies.Module(module))
            .Where(r => r is "RedSail.Platform" or "RedSail.Host" or "RedSail.Migrations"
                        || (r.StartsWith("RedSail.Modules.") && r != $"RedSail.Modules.{module}.Contracts" && !r.EndsWith(".Contracts")));
        Assert.That(forbidden, Is.Empty);
    }

    [TestCaseSource(nameof(Modules))]
    public void Contracts_depend_on_the_shared_kernel_alone(string module) =>
        Assert.That(Assemblies.RedSailReferences(Assemblies.Contracts(module)), Is.SubsetOf(new[] { "RedSail.BuildingBlocks" }));

    [Test]
    public void The_platform_knows_modules_only_by_their_contracts() =>
        Assert.That(Assemblies.RedSailReferences(Assemblies.Platform).Where(r => r.StartsWith("RedSail.Modules.") && !r.EndsWith(".Contracts")), Is.Empty);

    [Test]
    public void The_shared_kernel_knows_no_module() =>
        Assert.That(Assemblies.RedSailReferences(Assemblies.Load("RedSail.BuildingBlocks")), Is.Empty);

    [TestCaseSource(nameof(Modules))]
    public void A_module_exposes_only_its_entry_point(string module)
    {
        var exposed = Assemblies.Module(module).GetExportedTypes().Select(t => t.Name);
        Assert.That(exposed, Is.EquivalentTo(new[] { module + "Module" }));
    }

    /// <summary>Source folders whose SQL may name only one schema.</summary>
    private static IEnumerable<TestCaseData> SqlOwners() =>
        Assemblies.ModuleNames.Select(m => new TestCaseData(Path.Combine("Modules", m), m.ToLowerInvariant()).SetName($"SQL in {m} names only its own schema"))
            .Append(new TestCaseData(Path.Combine("Host", "RedSail.Platform"), "platform").SetName("SQL in the platform names only its own schema"));

    private static readonly string[] Schemas = ["platform", "personnel", "workflow", "honors", "archives", "analytics"];

    [TestCaseSource(nameof(SqlOwners))]
    public void Sql_touches_only_the_owners_schema(string folder, string schema)
    {
        var pattern = new Regex($@"\b(from|join|into|update|table|exists)\s+({string.Join('|', Schemas)})\.\w+", RegexOptions.IgnoreCase);
        var offenders = Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => pattern.Matches(File.ReadAllText(f)).Where(m => !m.Groups[2].Value.Equals(schema, StringComparison.OrdinalIgnoreCase))
                .Select(m => $"{Path.GetRelativePath(Repository.Root, f)}: {m.Value}"));
        Assert.That(offenders, Is.Empty);
    }
}
