using System.Text.Json;
using Npgsql;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Validation;

namespace RedSail.BuildingBlocks.Rules;

/// <summary>One stored version of a module's rules: in force from <see cref="EffectiveFrom"/> until the next version.</summary>
public sealed record RuleSetVersion<TRules>(Guid Id, string Name, string Source, DateOnly EffectiveFrom, TRules Rules);

/// <summary>All versions of a module's rules, oldest first; <see cref="At"/> picks the one in force on a date.</summary>
public sealed class RuleSets<TRules>(IReadOnlyList<RuleSetVersion<TRules>> versions, TRules fallback)
{
    public IReadOnlyList<RuleSetVersion<TRules>> Versions { get; } = versions.OrderBy(v => v.EffectiveFrom).ToList();

    /// <summary>The rules in force on <paramref name="date"/>; before the first version, the first version (older records were
    /// made under older rules the system does not hold).</summary>
    public TRules At(DateOnly date) =>
        Versions.LastOrDefault(v => v.EffectiveFrom <= date) is { } v ? v.Rules : Versions.Count > 0 ? Versions[0].Rules : fallback;

    /// <summary>The version in force on <paramref name="date"/>, if any.</summary>
    public RuleSetVersion<TRules>? VersionAt(DateOnly date) => Versions.LastOrDefault(v => v.EffectiveFrom <= date) ?? Versions.FirstOrDefault();
}

/// <summary>
/// Reads and adds versions of a module's rule set (<c>&lt;schema&gt;.rule_set</c>: regulation numbers as JSON, effective date,
/// source). There are a handful of rows, so every command that applies a rule reads them afresh in its own transaction: a new
/// version is in force on every host at once, with no cache to go stale. Versions are never edited.
/// </summary>
public static class RuleSetStore
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<RuleSets<TRules>> LoadAsync<TRules>(DbSession db, TRules fallback, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(
            $"select id, name, source, effective_from, rules::text as rules from {db.Schema}.rule_set order by effective_from", null, ct);
        return new RuleSets<TRules>(rows.Select(r => new RuleSetVersion<TRules>(r.Id, r.Name, r.Source, r.EffectiveFrom,
            JsonSerializer.Deserialize<TRules>(r.Rules, Json) ?? fallback)).ToList(), fallback);
    }

    /// <summary>Adds a version; a second version on the same date is a field error on <c>effectiveFrom</c>.</summary>
    public static async Task<Guid> AddAsync<TRules>(DbSession db, string name, string source, DateOnly effectiveFrom, TRules rules,
        Guid? createdBy, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        try
        {
            await db.ExecuteAsync($"""
                insert into {db.Schema}.rule_set (id, name, source, effective_from, rules, created_by)
                values (@id, @name, @source, @effectiveFrom, @rules::jsonb, @createdBy)
                """, new { id, name = name.Trim(), source = source.Trim(), effectiveFrom, rules = JsonSerializer.Serialize(rules, Json), createdBy }, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            new ValidationErrors().Add("effectiveFrom", "rules.date_taken").ThrowIfAny();
        }
        return id;
    }

    private sealed record Row(Guid Id, string Name, string Source, DateOnly EffectiveFrom, string Rules);
}
