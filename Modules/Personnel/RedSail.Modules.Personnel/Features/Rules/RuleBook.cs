using System.Text.Json;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.Rules;

/// <summary>
/// Reads the rule-set versions. There are a handful of rows, so every command that applies a rule reads them
/// afresh in its own transaction: a new version is in force on every host at once, with no cache to go stale.
/// </summary>
internal static class RuleBook
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<RuleSets> LoadAsync(PersonnelDb db, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(
            "select id, name, source, effective_from, rules::text as rules from personnel.rule_set order by effective_from", null, ct);
        return new RuleSets(rows.Select(r => new RuleSetVersion(r.Id, r.Name, r.Source, r.EffectiveFrom,
            JsonSerializer.Deserialize<PersonnelRules>(r.Rules, Json) ?? PersonnelRules.Regulation2014)).ToList());
    }

    private sealed record Row(Guid Id, string Name, string Source, DateOnly EffectiveFrom, string Rules);
}
