using System.Reflection;

namespace RedSail.ArchitectureTests;

/// <summary>The solution's own assemblies, loaded from the test's output folder.</summary>
internal static class Assemblies
{
    public static readonly string[] ModuleNames = ["Personnel", "Workflow", "Honors", "Archives", "Analytics"];

    public static Assembly Load(string name) => Assembly.Load(name);

    public static Assembly Module(string module) => Load($"RedSail.Modules.{module}");
    public static Assembly Contracts(string module) => Load($"RedSail.Modules.{module}.Contracts");
    public static Assembly Platform => Load("RedSail.Platform");
    public static Assembly Migrations => Load("RedSail.Migrations");

    /// <summary>Assemblies that hold feature slices: the five modules and the platform.</summary>
    public static IEnumerable<Assembly> WithSlices() => ModuleNames.Select(Module).Append(Platform);

    public static IEnumerable<string> RedSailReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("RedSail."));
}
