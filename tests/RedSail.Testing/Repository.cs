namespace RedSail.Testing;

/// <summary>Paths in the source tree, found from the test binaries by walking up to RedSail.sln.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RedSail.sln"))) return dir.FullName;
        throw new InvalidOperationException("RedSail.sln not found above " + AppContext.BaseDirectory);
    }
}
