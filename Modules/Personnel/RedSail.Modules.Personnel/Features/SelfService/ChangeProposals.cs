using System.Text.Json;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.SelfService;

/// <summary>
/// What a member may change about themselves, pending the branch's approval: the phone and the personal traits
/// (specialty, skills, hobbies, health, children). Health, children and phone are sensitive: encrypted while pending.
/// </summary>
internal static class ChangeProposals
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public static InformationSet Traits => InformationSets.Find("traits")!;

    /// <summary>The signed-in member's own record, by the employee number their account carries; 404 if none is linked.</summary>
    public static async Task<PersonRow> MyPersonAsync(PersonnelDb db, RequestContext context, CancellationToken ct)
    {
        if (context.Principal.EmployeeNumber is not { Length: > 0 } employeeNumber) throw new NotFoundException("person", "self");
        return await db.QuerySingleOrDefaultAsync<PersonRow>($"""
            select {PersonRow.Columns} from personnel.person p join personnel.organization o on o.id = p.organization_id
            where lower(p.employee_number) = lower(@employeeNumber)
            """, new { employeeNumber }, ct) ?? throw new NotFoundException("person", "self");
    }

    /// <summary>The id of the caller's own record, if their account is linked to one (nobody decides their own proposal).</summary>
    public static async Task<Guid?> MyPersonIdAsync(PersonnelDb db, RequestContext context, CancellationToken ct) =>
        context.Principal.EmployeeNumber is { Length: > 0 } employeeNumber
            ? await db.QuerySingleOrDefaultAsync<Guid?>("select id from personnel.person where lower(employee_number) = lower(@employeeNumber)",
                new { employeeNumber }, ct)
            : null;

    /// <summary>The proposal as stored: ordinary traits in clear, the sensitive values (phone, health, children) as ciphertext.</summary>
    public static (string Proposed, byte[]? Secret) Seal(string? phone, IReadOnlyDictionary<string, string> traits, FieldCipher cipher)
    {
        var sensitive = Traits.Sensitive.Select(f => f.Name).ToHashSet();
        var secret = traits.Where(t => sensitive.Contains(t.Key)).ToDictionary();
        if (phone is not null) secret["phone"] = phone;
        var proposed = new Proposed(traits.Where(t => !sensitive.Contains(t.Key)).ToDictionary(), secret.Keys.Order().ToList());
        return (JsonSerializer.Serialize(proposed, Json), secret.Count == 0 ? null : cipher.Encrypt(JsonSerializer.Serialize(secret, Json)));
    }

    public static Proposed Read(string proposed) => JsonSerializer.Deserialize<Proposed>(proposed, Json)!;

    public static Dictionary<string, string> Unseal(byte[]? secret, FieldCipher cipher) =>
        secret is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(cipher.Decrypt(secret), Json) ?? [];
}

/// <summary>A proposal's ordinary part: the traits in clear, and the names of the sensitive fields it changes.</summary>
internal sealed record Proposed(Dictionary<string, string> Traits, List<string> SensitiveFields);
