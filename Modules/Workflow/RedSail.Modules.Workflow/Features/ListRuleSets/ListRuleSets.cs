using System.Text.Json;
using System.Text.Json.Nodes;
using RedSail.BuildingBlocks.Localization;
using RedSail.BuildingBlocks.Rules;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Rules;

namespace RedSail.Modules.Workflow.Features.ListRuleSets;

/// <summary>
/// Every version of the Workflow rule set (meetings, recruitment, dues, supervision …), oldest first, the one in force today
/// marked, with the names of its sections and values in the caller's language (<c>rules.section.value</c> → name), so that
/// the page shows and edits whatever the sections hold without a list of its own.
/// </summary>
internal sealed record ListRuleSets : IQuery<RuleSetList>;

internal sealed record RuleSetList(IReadOnlyList<RuleSetVersion<WorkflowRules>> Versions, Guid? InForceId, IReadOnlyDictionary<string, string> Labels);

internal sealed class ListRuleSetsHandler(WorkflowDb db, IClock clock, MessageCatalog messages) : IRequestHandler<ListRuleSets, RuleSetList>
{
    public async Task<RuleSetList> Handle(ListRuleSets request, CancellationToken cancellationToken)
    {
        var sets = await RuleBook.LoadAsync(db, cancellationToken);
        var labels = new Dictionary<string, string>();
        foreach (var (section, values) in JsonSerializer.SerializeToNode(WorkflowRules.Regulation2014, RuleSetStore.Json)!.AsObject())
        {
            labels[section] = messages.Get($"workflow.rules.section.{section}");
            foreach (var (name, _) in values!.AsObject()) labels[$"{section}.{name}"] = messages.Get($"field.workflow.rules.{section}.{name}");
        }
        return new RuleSetList(sets.Versions, sets.Versions.LastOrDefault(v => v.EffectiveFrom <= clock.Today)?.Id, labels);
    }
}

internal static class ListRuleSetsEndpoint
{
    public static void MapListRuleSets(this IEndpointRouteBuilder api) =>
        api.MapGet("/rule-sets", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListRuleSets(), ct))
            .WithName("ListWorkflowRuleSets").WithSummary("党务规则集各版本（组织生活频次、发展党员期限、党费标准、督导阈值），标明现行版本")
            .RequirePermission(WorkflowPermissions.Read);
}
