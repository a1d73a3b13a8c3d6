using RedSail.BuildingBlocks.Rules;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Rules;

/// <summary>Workflow's rule-set versions (<see cref="RuleSetStore"/>), read afresh by every command that applies a rule.</summary>
internal static class RuleBook
{
    public static Task<RuleSets<WorkflowRules>> LoadAsync(WorkflowDb db, CancellationToken ct) =>
        RuleSetStore.LoadAsync(db, WorkflowRules.Regulation2014, ct);
}
