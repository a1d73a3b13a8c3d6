using System.Reflection;

namespace RedSail.BuildingBlocks.Modules;

/// <summary>
/// What the host knows of a module: its name, the PostgreSQL schema it owns, the assembly holding its slices,
/// and the <see cref="Data.DbSession"/> type its handlers use.
/// </summary>
public sealed record ModuleDefinition(string Name, string Schema, Assembly Assembly, Type SessionType);

/// <summary>All modules registered in the host, looked up by the assembly a request or handler lives in.</summary>
public sealed class ModuleCatalog(IEnumerable<ModuleDefinition> modules)
{
    private readonly Dictionary<Assembly, ModuleDefinition> _byAssembly = modules.ToDictionary(m => m.Assembly);

    public IReadOnlyCollection<ModuleDefinition> All => _byAssembly.Values;

    public ModuleDefinition ForSchema(string schema) =>
        _byAssembly.Values.FirstOrDefault(m => m.Schema == schema)
        ?? throw new InvalidOperationException($"No module owns schema '{schema}'.");

    public ModuleDefinition? ForType(Type type) => _byAssembly.GetValueOrDefault(type.Assembly);
}
