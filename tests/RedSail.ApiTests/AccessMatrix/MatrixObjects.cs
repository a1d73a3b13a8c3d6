using System.Text.RegularExpressions;
using Npgsql;
using RedSail.Testing;

namespace RedSail.ApiTests.AccessMatrix;

/// <summary>
/// The route values of endpoints.tsv: each placeholder of objects.tsv names a query for one object of the demo data inside
/// (@inside = true) or outside the scoped roles' subtree (@scopePath, an ltree). {missing} is an id nobody has.
/// </summary>
internal sealed partial class MatrixObjects
{
    private readonly Dictionary<string, (string Inside, string Outside)> _values;

    private MatrixObjects(Guid scopeRoot, string memberEmployeeNumber, Dictionary<string, (string, string)> values)
    {
        ScopeRoot = scopeRoot;
        MemberEmployeeNumber = memberEmployeeNumber;
        _values = values;
    }

    public Guid ScopeRoot { get; }
    public string MemberEmployeeNumber { get; }

    public static async Task<MatrixObjects> ResolveAsync(TestHost host, string scopeBranch)
    {
        var root = await Demo.BranchAsync(host, scopeBranch);
        var path = (await host.ScalarAsync<string>("select path::text from personnel.organization where id = @id", ("id", root)))!;
        var file = Path.Combine(Repository.Root, "tests", "RedSail.ApiTests", "AccessMatrix", "objects.tsv");
        var values = new Dictionary<string, (string, string)> { ["missing"] = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString()) };
        await using var connection = new NpgsqlConnection(host.OwnerConnectionString);
        await connection.OpenAsync();
        foreach (var line in File.ReadAllLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var (name, sql) = (line[..line.IndexOf('\t')], line[(line.IndexOf('\t') + 1)..]);
            values[name] = (await QueryAsync(connection, name, sql, path, true), await QueryAsync(connection, name, sql, path, false));
        }
        var employee = await host.ScalarAsync<string>("""
            select p.employee_number from personnel.person p join personnel.organization o on o.id = p.organization_id
            where o.path <@ @path::ltree and p.employee_number is not null order by p.employee_number limit 1
            """, ("path", path));
        return new MatrixObjects(root, employee!, values);
    }

    private static async Task<string> QueryAsync(NpgsqlConnection connection, string name, string sql, string scopePath, bool inside)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("scopePath", scopePath);
        command.Parameters.AddWithValue("inside", inside);
        return (await command.ExecuteScalarAsync())?.ToString()
               ?? throw new InvalidOperationException($"objects.tsv: '{name}' finds nothing {(inside ? "inside" : "outside")} the scope in the demo data.");
    }

    /// <summary>The request path with every {placeholder} replaced by the object inside or outside the scope.</summary>
    public string Fill(string path, bool inside) =>
        Placeholder().Replace(path, m => _values.TryGetValue(m.Groups[1].Value, out var v)
            ? Uri.EscapeDataString(inside ? v.Inside : v.Outside)
            : throw new InvalidOperationException($"endpoints.tsv names {{{m.Groups[1].Value}}}, which objects.tsv does not define."));

    [GeneratedRegex(@"\{([a-z-]+)\}")]
    private static partial Regex Placeholder();
}
