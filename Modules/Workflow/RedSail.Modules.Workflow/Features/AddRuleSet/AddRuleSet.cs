using RedSail.BuildingBlocks.Rules;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.AddRuleSet;

/// <summary>
/// Adds a version of the Workflow rule set in force from a date (the 2026 细则, or a local practice such as quarterly 党课).
/// Versions are never edited: a correction is a new version, so every past deadline and amount can be traced to its numbers.
/// </summary>
internal sealed record AddRuleSet(string? Title, string? Source, DateOnly? EffectiveFrom, WorkflowRules? Rules) : ICommand<AddedRuleSet>
{
    public string AuditAction => "workflow.rule_sets.add";
    public AuditTarget AuditTarget => new("workflow_rule_set", null);
}

internal sealed record AddedRuleSet(Guid Id) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("workflow_rule_set", Id.ToString());
}

internal sealed class AddRuleSetValidator : IValidator<AddRuleSet>
{
    public void Validate(AddRuleSet request, ValidationErrors errors)
    {
        errors.RequiredMax("title", request.Title, 100).RequiredMax("source", request.Source, 1000);
        if (request.EffectiveFrom is null) errors.Add("effectiveFrom", "validation.required");
        if (request.Rules is null) errors.Add("rules", "validation.required");
        else request.Rules.Check(errors);
    }
}

internal sealed class AddRuleSetHandler(WorkflowDb db, RequestContext context) : IRequestHandler<AddRuleSet, AddedRuleSet>
{
    public async Task<AddedRuleSet> Handle(AddRuleSet request, CancellationToken cancellationToken) =>
        new(await RuleSetStore.AddAsync(db, request.Title!, request.Source!, request.EffectiveFrom!.Value, request.Rules!,
            context.Principal.UserId, cancellationToken));
}

internal static class AddRuleSetEndpoint
{
    public static void MapAddRuleSet(this IEndpointRouteBuilder api) =>
        api.MapPost("/rule-sets", async (AddRuleSet command, IMediator mediator, CancellationToken ct) =>
            {
                var added = await mediator.Send(command, ct);
                return Results.Created($"/api/workflow/rule-sets/{added.Id}", added);
            })
            .WithName("AddWorkflowRuleSet").WithSummary("新增党务规则集版本（自生效日期起适用；已有版本不可修改）")
            .RequirePermission(WorkflowPermissions.ManageRules);
}
