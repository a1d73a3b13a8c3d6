using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RedSail.BuildingBlocks.Security;
using RedSail.Testing;

namespace RedSail.ApiTests.AccessMatrix;

/// <summary>
/// The seeded people's sensitive values in clear (decrypted with the host's own cipher): ID numbers, phones, and the sensitive
/// free-text fields of information sets (health, requests for help, family work units …) of at least eight characters. Family
/// members' names are left out: a two-character name also belongs to people whose names are not sensitive.
/// </summary>
internal sealed partial class SensitiveValues
{
    // each value with the employee number of the person it belongs to (a member may see their own in clear: GetMyRecord)
    private readonly Dictionary<string, string?> _numbers;
    private readonly Dictionary<string, string?> _textOwners;
    private readonly SearchValues<string> _texts;

    private SensitiveValues(Dictionary<string, string?> numbers, Dictionary<string, string?> texts)
    {
        _numbers = numbers;
        _textOwners = texts;
        _texts = SearchValues.Create(texts.Count > 0 ? texts.Keys.ToArray() : ["\0never\0"], StringComparison.Ordinal);
    }

    public int Count => _numbers.Count + _textOwners.Count;

    public static async Task<SensitiveValues> ReadAsync(TestHost host)
    {
        var cipher = host.Services.GetRequiredService<FieldCipher>();
        var numbers = new Dictionary<string, string?>();
        var texts = new Dictionary<string, string?>();
        await using var connection = new NpgsqlConnection(host.OwnerConnectionString);
        await connection.OpenAsync();
        await using (var people = new NpgsqlCommand("select id_number_cipher, phone_cipher, employee_number from personnel.person", connection))
        await using (var reader = await people.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var owner = reader.IsDBNull(2) ? null : reader.GetString(2);
                numbers[cipher.Decrypt((byte[])reader[0])] = owner;
                if (!reader.IsDBNull(1)) numbers[cipher.Decrypt((byte[])reader[1])] = owner;
            }
        await using (var records = new NpgsqlCommand("""
                   select r.secret, p.employee_number from personnel.person_record r join personnel.person p on p.id = r.person_id
                   where r.secret is not null
                   """, connection))
        await using (var reader = await records.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                foreach (var (field, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(cipher.Decrypt((byte[])reader[0]))!)
                    if (field != "name" && value.Length >= 8) texts[value] = reader.IsDBNull(1) ? null : reader.GetString(1);
        return new SensitiveValues(numbers, texts);
    }

    /// <summary>
    /// The first sensitive value found in clear among the string values of a JSON <paramref name="body"/>, or null; values of the
    /// person with <paramref name="ownEmployeeNumber"/> (the caller's own) do not count.
    /// </summary>
    public string? FindIn(string body, string? ownEmployeeNumber)
    {
        string text;
        try
        {
            using var document = JsonDocument.Parse(body);
            text = string.Join('\n', Strings(document.RootElement));
        }
        catch (JsonException)
        {
            return null; // not JSON (a file, a page): the xlsx and PDF exports are checked by their own tests
        }
        foreach (Match number in Number().Matches(text))
            if (_numbers.TryGetValue(number.Value, out var owner) && (owner is null || owner != ownEmployeeNumber)) return number.Value;
        for (var from = 0; from < text.Length;)
        {
            var at = text.AsSpan(from).IndexOfAny(_texts);
            if (at < 0) return null;
            var found = _textOwners.Keys.First(t => text.AsSpan(from + at).StartsWith(t));
            if (_textOwners[found] is not { } owner || owner != ownEmployeeNumber) return found;
            from += at + 1;
        }
        return null;
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    // ID numbers (17 digits and a check character) and mobile numbers, as whole tokens.
    [GeneratedRegex(@"(?<![0-9])(?:[0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])")]
    private static partial Regex Number();
}
