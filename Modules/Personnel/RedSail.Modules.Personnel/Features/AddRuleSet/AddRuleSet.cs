using RedSail.BuildingBlocks.Rules;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.AddRuleSet;

/// <summary>
/// Adds a version of the rule set in force from a date (a revised regulation or a local practice). Versions are
/// never edited: a correction is a new version, so every past decision can be traced to the numbers it used.
/// </summary>
internal sealed record AddRuleSet(string? Title, string? Source, DateOnly? EffectiveFrom, PersonnelRules? Rules) : ICommand<AddedRuleSet>
{
    public string AuditAction => "personnel.rule_sets.add";
    public AuditTarget AuditTarget => new("rule_set", null);
}

internal sealed record AddedRuleSet(Guid Id) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("rule_set", Id.ToString());
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

internal sealed class AddRuleSetHandler(PersonnelDb db, RequestContext context) : IRequestHandler<AddRuleSet, AddedRuleSet>
{
    public async Task<AddedRuleSet> Handle(AddRuleSet request, CancellationToken cancellationToken)
    {
        var id = await RuleSetStore.AddAsync(db, request.Title!, request.Source!, request.EffectiveFrom!.Value, request.Rules,
            context.Principal.UserId, cancellationToken);
        return new AddedRuleSet(id);
    }
}

internal static class AddRuleSetEndpoint
{
    public static void MapAddRuleSet(this IEndpointRouteBuilder api) =>
        api.MapPost("/rule-sets", async (AddRuleSet command, IMediator mediator, CancellationToken ct) =>
            {
                var added = await mediator.Send(command, ct);
                return Results.Created($"/api/personnel/rule-sets/{added.Id}", added);
            })
            .WithName("AddRuleSet").WithSummary("新增规则集版本（自生效日期起适用；已有版本不可修改）")
            .RequirePermission(PersonnelPermissions.ManageRules);
}
