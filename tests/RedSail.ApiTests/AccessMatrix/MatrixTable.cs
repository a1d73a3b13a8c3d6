using RedSail.Testing;

namespace RedSail.ApiTests.AccessMatrix;

/// <summary>How an endpoint decides which objects a scoped (organisation-subtree) caller may reach.</summary>
internal enum ScopeRule
{
    /// <summary>No organisation scope: platform administration, the caller's own account, open endpoints.</summary>
    None,

    /// <summary>The route names an object (or organisation) of one subtree: out of scope answers <see cref="MatrixRow.OutOfScope"/>.</summary>
    Subtree,

    /// <summary>A list or figure filtered to the caller's subtrees: nothing to reach out of scope through the route.</summary>
    Filtered,

    /// <summary>Only callers holding the permission everywhere (OA clients, the system): a subtree-scoped holder gets 403.</summary>
    GlobalOnly,
}

/// <summary>
/// One reviewed row of endpoints.tsv: the endpoint (method and route pattern as the host maps it), the permission(s) it needs,
/// how its scope is decided, the request to send (placeholders name objects of objects.tsv) and the statuses expected.
/// </summary>
internal sealed record MatrixRow(
    string Method,
    string Pattern,
    IReadOnlyList<string> Permissions,
    ScopeRule Scope,
    string Path,
    int? Allowed,
    int? OutOfScope,
    int Line)
{
    public const string Anonymous = "anonymous";
    public const string SignedIn = "signed-in";

    public string Key => $"{Method} {Pattern}";
    public bool IsAnonymous => Permissions is [Anonymous];
    public bool NeedsOnlySignIn => Permissions is [SignedIn];

    /// <summary>The module of the route (/api/{module}/…): an OA client needs it in its scopes.</summary>
    public string Module => Pattern.Split('/')[2];

    public static IReadOnlyList<MatrixRow> Load()
    {
        var file = System.IO.Path.Combine(Repository.Root, "tests", "RedSail.ApiTests", "AccessMatrix", "endpoints.tsv");
        return File.ReadAllLines(file).Select((text, index) => (text, line: index + 1))
            .Where(l => l.text.Length > 0 && !l.text.StartsWith('#'))
            .Select(l => Parse(l.text, l.line)).ToList();
    }

    private static MatrixRow Parse(string text, int line)
    {
        var cells = text.Split('\t');
        if (cells.Length != 7) throw new FormatException($"endpoints.tsv:{line}: 7 tab-separated cells expected, found {cells.Length}.");
        return new MatrixRow(cells[0], cells[1], cells[2].Split('+'), Enum.Parse<ScopeRule>(cells[3].Replace("-", ""), ignoreCase: true), cells[4],
            Status(cells[5]), Status(cells[6]), line);
    }

    // "-": not sent (a state change, or no out-of-scope variant).
    private static int? Status(string cell) => cell == "-" ? null : int.Parse(cell);
}
