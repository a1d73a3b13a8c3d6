using System.Reflection;

namespace RedSail.BuildingBlocks.Modules;

/// <summary>
/// What the host knows of a module: its name, the PostgreSQL schema it owns, the assembly holding its slices,
/// the assembly of its public contracts (public commands live there too), and the <see cref="Data.DbSession"/>
/// type its handlers use.
/// </summary>
public sealed record ModuleDefinition(string Name, string Schema, Assembly Assembly, Assembly? Contracts, Type SessionType);

/// <summary>All modules registered in the host, looked up by the assembly a request or handler lives in.</summary>
public sealed class ModuleCatalog(IEnumerable<ModuleDefinition> modules)
{
    private readonly ModuleDefinition[] _modules = modules.ToArray();
    private readonly Dictionary<Assembly, ModuleDefinition> _byAssembly = modules
        .SelectMany(m => m.Contracts is null ? [(m.Assembly, m)] : new[] { (m.Assembly, m), (m.Contracts, m) })
        .ToDictionary(p => p.Item1, p => p.m);

    public IReadOnlyCollection<ModuleDefinition> All => _modules;

    public ModuleDefinition ForSchema(string schema) =>
        _modules.FirstOrDefault(m => m.Schema == schema)
        ?? throw new InvalidOperationException($"No module owns schema '{schema}'.");

    public ModuleDefinition? ForType(Type type) => _byAssembly.GetValueOrDefault(type.Assembly);
}
