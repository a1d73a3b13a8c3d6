using System.Text.Json;
using RedSail.BuildingBlocks.Audit;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.Organizations;

namespace RedSail.Modules.Personnel.Features.GetOrganizationHistory;

/// <summary>What happened to one organisation (created, renamed, moved, merged, dissolved), newest first.</summary>
internal sealed record GetOrganizationHistory(Guid OrganizationId) : IQuery<IReadOnlyList<OrganizationHistoryEntry>>;

internal sealed record OrganizationHistoryEntry(long Id, string ChangeType, DateOnly EffectiveOn, string? Reason, JsonElement? Before,
    JsonElement After, DateTime RecordedAt, Guid? RecordedBy);

internal sealed class GetOrganizationHistoryHandler(PersonnelDb db, RequestContext context, AuditTrail audit)
    : IRequestHandler<GetOrganizationHistory, IReadOnlyList<OrganizationHistoryEntry>>
{
    private const string Sql = """
        select h.id, h.change_type, h.effective_on, h.reason, h.before::text as before, h.after::text as after, h.recorded_at, h.recorded_by
        from personnel.organization_history h
        where h.organization_id = @OrganizationId
        order by h.recorded_at desc, h.id desc
        """;

    public async Task<IReadOnlyList<OrganizationHistoryEntry>> Handle(GetOrganizationHistory request, CancellationToken cancellationToken)
    {
        await OrganizationTree.EnsureReadableAsync(db, context, audit, request.OrganizationId, "personnel.organizations.history", cancellationToken);
        var rows = await db.QueryAsync<Row>(Sql, request, cancellationToken);
        return rows.Select(r => new OrganizationHistoryEntry(r.Id, r.ChangeType, r.EffectiveOn, r.Reason,
            r.Before is null ? null : Parse(r.Before), Parse(r.After), r.RecordedAt, r.RecordedBy)).ToList();
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private sealed record Row(long Id, string ChangeType, DateOnly EffectiveOn, string? Reason, string? Before, string After, DateTime RecordedAt,
        Guid? RecordedBy);
}

internal static class GetOrganizationHistoryEndpoint
{
    public static void MapGetOrganizationHistory(this IEndpointRouteBuilder api) =>
        api.MapGet("/organizations/{id:guid}/history", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetOrganizationHistory(id), ct))
            .WithName("GetOrganizationHistory").WithSummary("组织沿革（新建、更名、调整隶属、合并、撤销），按时间倒序")
            .RequirePermission(PersonnelPermissions.Read);
}
