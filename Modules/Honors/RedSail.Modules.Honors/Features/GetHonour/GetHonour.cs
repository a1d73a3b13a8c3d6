using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.GetHonour;

/// <summary>One honour in the caller's scope with its certificates and its history of review; out of scope is 404.</summary>
internal sealed record GetHonour(Guid Id) : IQuery<HonourDetail>;

internal sealed class HonourDetail : HonourSummary
{
    public string? WithdrawalReason { get; init; }
    public IReadOnlyList<CertificateView> CertificateFiles { get; set; } = [];
    public IReadOnlyList<HistoryEntry> History { get; set; } = [];
}

internal sealed class CertificateView
{
    public Guid Id { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public int Size { get; init; }
}

internal sealed class HistoryEntry
{
    public string Action { get; init; } = "";
    public string? Reason { get; init; }
    public DateTime ActedAt { get; init; }
}

internal sealed class GetHonourHandler(HonorsDb db, RequestContext context) : IRequestHandler<GetHonour, HonourDetail>
{
    public async Task<HonourDetail> Handle(GetHonour request, CancellationToken cancellationToken)
    {
        using var grid = await db.QueryMultipleAsync($"""
            select {HonourSummary.Columns}, h.withdrawal_reason from {HonourFilter.From} where h.id = @Id and {HonorsScope.Within("o")};
            select id, file_name, content_type, size from honors.certificate where honour_id = @Id order by uploaded_at, id;
            select action, reason, acted_at from honors.honour_history where honour_id = @Id order by id;
            """, HonorsScope.Parameters(context, HonorsPermissions.Read, request), cancellationToken);
        var honour = await grid.ReadSingleOrDefaultAsync<HonourDetail>() ?? throw new NotFoundException("honour", request.Id.ToString());
        honour.CertificateFiles = (await grid.ReadAsync<CertificateView>()).ToList();
        honour.History = (await grid.ReadAsync<HistoryEntry>()).ToList();
        return honour;
    }
}

internal static class GetHonourEndpoint
{
    public static void MapGetHonour(this IEndpointRouteBuilder api) =>
        api.MapGet("/honours/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetHonour(id), ct))
            .WithName("GetHonour").WithSummary("荣誉详情：证书图片与审核记录")
            .RequirePermission(HonorsPermissions.Read);
}
