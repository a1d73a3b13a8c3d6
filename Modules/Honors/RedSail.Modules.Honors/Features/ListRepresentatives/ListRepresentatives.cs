using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;
using RedSail.Modules.Honors.Features.Representatives;

namespace RedSail.Modules.Honors.Features.ListRepresentatives;

/// <summary>
/// Representatives in the caller's scope, by kind, status (serving unless named), organisation subtree and name, the terms
/// ending first at the top. <see cref="EndingWithinDays"/> makes it the reminder: serving terms that end within that many days.
/// </summary>
internal sealed record ListRepresentatives(string? Kind, string? Status, Guid? OrganizationId, string? Name, int? EndingWithinDays, int Page = 1,
    int PageSize = 20) : IQuery<Paged<RepresentativeView>>;

internal sealed class ListRepresentativesHandler(HonorsDb db, RequestContext context, IClock clock) : IRequestHandler<ListRepresentatives, Paged<RepresentativeView>>
{
    public async Task<Paged<RepresentativeView>> Handle(ListRepresentatives q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var today = clock.Today;
        var ending = q.EndingWithinDays is { } days ? today.AddDays(Math.Clamp(days, 0, 3650)) : (DateOnly?)null;
        var where = $"""
            {HonorsScope.Within("o")} and r.status = @status and (@kind::text is null or r.kind = @kind)
            and (@organizationId::uuid is null or o.path <@ (select path from honors.organization where id = @organizationId))
            and (@name::text is null or p.name like @name escape '\' or r.body like @name escape '\')
            and (@ending::date is null or r.term_ends_on <= @ending)
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select {RepresentativeView.Columns} from {RepresentativeView.From} where {where}
            order by r.term_ends_on, p.name, r.id limit @Limit offset @Offset;
            select count(*) from {RepresentativeView.From} where {where};
            """, HonorsScope.Parameters(context, HonorsPermissions.Read, new
            {
                today, ending, status = ending is null ? q.Status ?? "serving" : "serving", kind = string.IsNullOrWhiteSpace(q.Kind) ? null : q.Kind,
                q.OrganizationId, name = string.IsNullOrWhiteSpace(q.Name) ? null : "%" + Paging.EscapeLike(q.Name.Trim()) + "%", paging.Limit, paging.Offset,
            }), cancellationToken);
        var items = (await grid.ReadAsync<RepresentativeView>()).ToList();
        return new Paged<RepresentativeView>(items, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class ListRepresentativesEndpoint
{
    public static void MapListRepresentatives(this IEndpointRouteBuilder api)
    {
        api.MapGet("/representatives", (string? kind, string? status, Guid? organizationId, string? name, int? page, int? pageSize, IMediator mediator,
                    CancellationToken ct) =>
                mediator.Send(new ListRepresentatives(kind, status, organizationId, name, null, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListRepresentatives").WithSummary("代表委员名单：按类别、状态（默认在任）、组织、姓名筛选，任期先到期者在前")
            .RequirePermission(HonorsPermissions.Read);
        api.MapGet("/representatives/ending", (int? days, Guid? organizationId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListRepresentatives(null, null, organizationId, null, days ?? RepresentativeKinds.DefaultReminderDays, page ?? 1,
                    pageSize ?? 20), ct))
            .WithName("ListEndingRepresentatives").WithSummary("任期提醒：任期在 N 天内（默认 90 天）届满的在任代表委员")
            .RequirePermission(HonorsPermissions.Read);
    }
}
