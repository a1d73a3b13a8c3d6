using RedSail.BuildingBlocks.Rules;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.Rules;

/// <summary>Personnel's rule-set versions (<see cref="RuleSetStore"/>), read afresh by every command that applies a rule.</summary>
internal static class RuleBook
{
    public static Task<RuleSets> LoadAsync(PersonnelDb db, CancellationToken ct) =>
        RuleSetStore.LoadAsync(db, PersonnelRules.Regulation2014, ct);
}
