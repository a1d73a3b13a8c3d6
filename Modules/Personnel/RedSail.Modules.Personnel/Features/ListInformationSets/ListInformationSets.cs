using System.Globalization;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.ListInformationSets;

/// <summary>
/// The information sets' definitions and code tables in the caller's language, so that the UI draws each set's
/// form and table from the one definition the server validates against.
/// </summary>
internal sealed record ListInformationSets : IQuery<InformationSetCatalog>;

internal sealed record InformationSetCatalog(IReadOnlyList<SetDefinition> Sets, IReadOnlyDictionary<string, IReadOnlyList<CodeOption>> Codes);

internal sealed record SetDefinition(string Kind, bool HasPeriod, bool FromRequired, bool SingleCurrent, IReadOnlyList<FieldDefinition> Fields);

internal sealed record FieldDefinition(string Name, string Kind, bool Required, int MaxLength, string? Codes, bool Sensitive);

internal sealed record CodeOption(string Value, string Label);

internal sealed class ListInformationSetsHandler : IRequestHandler<ListInformationSets, InformationSetCatalog>
{
    public Task<InformationSetCatalog> Handle(ListInformationSets request, CancellationToken cancellationToken)
    {
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var sets = InformationSets.All.Select(s => new SetDefinition(s.Kind, s.HasPeriod, s.FromRequired, s.SingleCurrent,
            s.Fields.Select(f => new FieldDefinition(f.Name, f.Kind.ToString().ToLowerInvariant(), f.Required, f.MaxLength, f.Codes, f.Sensitive)).ToList()))
            .ToList();
        var codes = SetCodeTables.All.ToDictionary(t => t.Key,
            t => (IReadOnlyList<CodeOption>)t.Value.Select(c => new CodeOption(c.Value, chinese ? c.Zh : c.En)).ToList());
        return Task.FromResult(new InformationSetCatalog(sets, codes));
    }
}

internal static class ListInformationSetsEndpoint
{
    public static void MapListInformationSets(this IEndpointRouteBuilder api) =>
        api.MapGet("/information-sets", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListInformationSets(), ct))
            .WithName("ListInformationSets").WithSummary("人员信息集定义与代码表（学历学位、职务职称、家庭成员、奖惩、出国境、帮扶诉求、个人特质、群团、统战）")
            .RequirePermission(PersonnelPermissions.Read);
}
