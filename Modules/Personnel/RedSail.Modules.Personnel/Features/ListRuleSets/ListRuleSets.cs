using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.Rules;

namespace RedSail.Modules.Personnel.Features.ListRuleSets;

/// <summary>Every version of the Personnel rule set, oldest first, with the one in force today marked.</summary>
internal sealed record ListRuleSets : IQuery<RuleSetList>;

internal sealed record RuleSetList(IReadOnlyList<RuleSetVersion> Versions, Guid? InForceId);

internal sealed class ListRuleSetsHandler(PersonnelDb db, IClock clock) : IRequestHandler<ListRuleSets, RuleSetList>
{
    public async Task<RuleSetList> Handle(ListRuleSets request, CancellationToken cancellationToken)
    {
        var sets = await RuleBook.LoadAsync(db, cancellationToken);
        var today = clock.Today;
        return new RuleSetList(sets.Versions, sets.Versions.LastOrDefault(v => v.EffectiveFrom <= today)?.Id);
    }
}

internal static class ListRuleSetsEndpoint
{
    public static void MapListRuleSets(this IEndpointRouteBuilder api) =>
        api.MapGet("/rule-sets", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListRuleSets(), ct))
            .WithName("ListRuleSets").WithSummary("规则集各版本（发展党员、任期、组织设置等数值规则），标明现行版本")
            .RequirePermission(PersonnelPermissions.Read);
}
