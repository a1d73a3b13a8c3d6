using RedSail.Platform.Access;

namespace RedSail.Platform.Features.Audit;

/// <summary>Audit trail search for the audit administrator: by time range, user, action and result, newest first.</summary>
public sealed record SearchAudit(DateTime? From, DateTime? To, string? UserName, string? Action, string? Result, int Page = 1, int PageSize = 20)
    : IQuery<Paged<AuditRecord>>;

public sealed record AuditRecord(long Sequence, DateTime OccurredAt, string? UserName, string? Role, string? SourceAddress, string Action,
    string? TargetType, string? TargetId, string? TargetOrganization, string Result, string? CorrelationId, string? Detail);

internal static class AuditFilter
{
    public const string Where = """
        where (@From::timestamptz is null or occurred_at >= @From)
          and (@To::timestamptz is null or occurred_at < @To)
          and (@UserName::text is null or user_name = @UserName or client_id = @UserName)
          and (@Action::text is null or action like @ActionPattern escape '\')
          and (@Result::text is null or result = @Result)
        """;

    public const string Columns = """
        sequence, occurred_at, coalesce(user_name, client_id) as user_name, roles as role, source_address, action,
        target_type, target_id, target_organization, result, correlation_id, detail
        """;

    public static object Arguments(SearchAudit q, int limit, int offset) => new
    {
        From = q.From?.ToUniversalTime(),
        // A bare date as the end means "through that day".
        To = q.To is { TimeOfDay.Ticks: 0 } day ? day.AddDays(1).ToUniversalTime() : q.To?.ToUniversalTime(),
        UserName = string.IsNullOrWhiteSpace(q.UserName) ? null : q.UserName.Trim(),
        Action = string.IsNullOrWhiteSpace(q.Action) ? null : q.Action.Trim(),
        ActionPattern = string.IsNullOrWhiteSpace(q.Action) ? null : "%" + Paging.EscapeLike(q.Action.Trim()) + "%",
        Result = string.IsNullOrWhiteSpace(q.Result) ? null : q.Result.Trim(),
        Limit = limit, Offset = offset,
    };
}

internal sealed class SearchAuditHandler(PlatformDb db) : IRequestHandler<SearchAudit, Paged<AuditRecord>>
{
    public async Task<Paged<AuditRecord>> Handle(SearchAudit request, CancellationToken cancellationToken)
    {
        var page = Paging.Of(request.Page, request.PageSize);
        using var grid = await db.QueryMultipleAsync($"""
            select count(*) from platform.audit_log {AuditFilter.Where};
            select {AuditFilter.Columns} from platform.audit_log {AuditFilter.Where}
            order by sequence desc limit @Limit offset @Offset;
            """, AuditFilter.Arguments(request, page.Limit, page.Offset), cancellationToken);
        var total = await grid.ReadSingleAsync<long>();
        var items = (await grid.ReadAsync<AuditRecord>()).ToList();
        return new Paged<AuditRecord>(items, total, page.Page, page.PageSize);
    }
}

internal static class SearchAuditEndpoint
{
    public static void MapSearchAudit(this IEndpointRouteBuilder api) =>
        api.MapGet("/audit", (DateTime? from, DateTime? to, string? userName, string? action, string? result, int? page, int? pageSize,
                    IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SearchAudit(from, to, userName, action, result, page ?? 1, pageSize ?? 20), ct))
            .WithName("SearchAudit").WithSummary("审计日志查询（仅审计管理员）").RequirePermission(PlatformPermissions.Audit);
}
