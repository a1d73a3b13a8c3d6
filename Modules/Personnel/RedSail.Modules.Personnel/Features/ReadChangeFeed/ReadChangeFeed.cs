using System.Text.Json;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Personnel.Features.ReadChangeFeed;

/// <summary>
/// The module's change feed for the OA: its integration events in commit-safe order after a cursor, so the OA
/// can stay in sync by polling. Only events of transactions older than the oldest one still running are
/// shown: a slow transaction can never commit "behind" a cursor already handed out, so nothing is skipped.
/// Events carry no sensitive values. Needs read access everywhere (OA clients have it).
/// </summary>
internal sealed record ReadChangeFeed(string? After, int Limit) : IQuery<ChangeFeedPage>;

internal sealed record ChangeFeedPage(IReadOnlyList<ChangeFeedItem> Items, string Next, bool HasMore);

internal sealed record ChangeFeedItem(string Cursor, string EventType, DateTime OccurredAt, JsonElement Data);

internal sealed class ReadChangeFeedValidator : IValidator<ReadChangeFeed>
{
    public void Validate(ReadChangeFeed request, ValidationErrors errors)
    {
        if (request.After is not null && FeedCursor.Parse(request.After) is null) errors.Add("after", "feed.cursor_invalid");
        if (request.Limit is < 1 or > 1000) errors.Add("limit", "person.number_range", 1, 1000);
    }
}

internal sealed class ReadChangeFeedHandler(PersonnelDb db, RequestContext context) : IRequestHandler<ReadChangeFeed, ChangeFeedPage>
{
    private const string Sql = """
        select o.tx::text as tx, o.position, o.event_type, o.occurred_at, o.payload::text as payload
        from personnel.outbox o
        where (o.tx, o.position) > (@tx::text::xid8, @position)
          and o.tx < pg_snapshot_xmin(pg_current_snapshot())
        order by o.tx, o.position -- the column, not the text alias: '827' sorts after '3046' as text
        limit @take
        """;

    public async Task<ChangeFeedPage> Handle(ReadChangeFeed request, CancellationToken cancellationToken)
    {
        if (!context.Principal.ScopeFor(PersonnelPermissions.Read).IsGlobal) throw new ForbiddenException("feed.needs_global_scope");
        var (tx, position) = request.After is null ? (0UL, 0L) : FeedCursor.Parse(request.After)!.Value;
        var rows = await db.QueryAsync<FeedRow>(Sql, new { tx = tx.ToString(), position, take = request.Limit + 1 }, cancellationToken);
        var items = rows.Take(request.Limit)
            .Select(r => new ChangeFeedItem(FeedCursor.Format(ulong.Parse(r.Tx), r.Position), r.EventType, r.OccurredAt, JsonDocument.Parse(r.Payload).RootElement))
            .ToList();
        return new ChangeFeedPage(items, items.Count > 0 ? items[^1].Cursor : request.After ?? FeedCursor.Format(0, 0), rows.Count > request.Limit);
    }

    private sealed class FeedRow
    {
        public string Tx { get; init; } = "";
        public long Position { get; init; }
        public string EventType { get; init; } = "";
        public DateTime OccurredAt { get; init; }
        public string Payload { get; init; } = "";
    }
}

/// <summary>A cursor is "transaction-position"; opaque to clients, but readable in logs.</summary>
internal static class FeedCursor
{
    public static string Format(ulong tx, long position) => $"{tx}-{position}";

    public static (ulong Tx, long Position)? Parse(string cursor)
    {
        var parts = cursor.Split('-');
        return parts.Length == 2 && ulong.TryParse(parts[0], out var tx) && long.TryParse(parts[1], out var position) && position >= 0
            ? (tx, position) : null;
    }
}

internal static class ReadChangeFeedEndpoint
{
    public static void MapReadChangeFeed(this IEndpointRouteBuilder api) =>
        api.MapGet("/changes", (string? after, int? limit, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ReadChangeFeed(after, limit ?? 200), ct))
            .WithName("ReadPersonnelChangeFeed").WithSummary("变更订阅（供 OA 同步）：按游标读取组织与人员的变更事件")
            .RequirePermission(PersonnelPermissions.Read);
}
