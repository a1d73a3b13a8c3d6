using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Meetings;

namespace RedSail.Modules.Workflow.Features.ListMeetings;

/// <summary>
/// Meetings of an organisation's subtree (default: everything the caller may read), optionally between two dates and of one
/// type, newest first and paged: the calendar asks for a month, the list for pages. Removed meetings are left out.
/// </summary>
internal sealed record ListMeetings(Guid? OrganizationId, DateOnly? HeldFrom, DateOnly? HeldTo, string? MeetingType, int Page = 1, int PageSize = 20)
    : IQuery<MeetingPage>;

/// <summary>A page of meetings; <see cref="Total"/> is exact unless <see cref="TotalCapped"/>, when at least that many match.</summary>
internal sealed record MeetingPage(IReadOnlyList<MeetingSummary> Items, long Total, int Page, int PageSize, bool TotalCapped);

internal sealed class ListMeetingsValidator : IValidator<ListMeetings>
{
    public void Validate(ListMeetings q, ValidationErrors errors)
    {
        if (q.HeldFrom > q.HeldTo) errors.Add("heldTo", "workflow.meetings.range_reversed");
        if (q.MeetingType is { } type && !MeetingTypes.All.Contains(type)) errors.Add("meetingType", "workflow.meetings.type_unknown", type);
    }
}

internal sealed class ListMeetingsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListMeetings, MeetingPage>
{
    /// <summary>
    /// Beyond this many meetings the total says "more than" (a region has ~16,000 meetings a year, the root a million: counting
    /// them cost 50 ms to a second a page); a branch's are always counted exactly.
    /// </summary>
    public const int CountCap = 1_000;

    private static readonly CappedCount Counting = new(CountCap);

    public async Task<MeetingPage> Handle(ListMeetings q, CancellationToken cancellationToken)
    {
        // The subtree as constant paths and only the filters asked for: one plan per case, each estimated from statistics — a
        // branch's few meetings through its organisations, the root's newest through the date index.
        var paths = q.OrganizationId is { } organizationId
            ? [(await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Read, organizationId, cancellationToken)).Path]
            : await WorkflowScope.SubtreePathsAsync(db, context.Principal.ScopeFor(WorkflowPermissions.Read), null, cancellationToken);
        var paging = Paging.Of(q.Page, q.PageSize);
        var conditions = new List<string> { "m.removed_at is null" };
        if (paths is not null) conditions.Add(WorkflowScope.UnderPaths("o"));
        if (q.HeldFrom is not null) conditions.Add("m.held_on >= @heldFrom");
        if (q.HeldTo is not null) conditions.Add("m.held_on <= @heldTo");
        if (q.MeetingType is not null) conditions.Add("m.type = @meetingType");
        var from = $"""
            from workflow.meeting m {(paths is null ? "" : "join workflow.organization o on o.id = m.organization_id")}
            where {string.Join(" and ", conditions)}
            """;
        // The page's keys come from the index alone (ix_workflow_meeting_list / _newest); only its twenty rows are read whole.
        using var grid = await db.QueryMultipleAsync($"""
            {Counting.Sql(from)};
            with page as (select m.id, m.held_on, m.starts_at {from} order by m.held_on desc, m.starts_at desc, m.id limit @Limit offset @Offset)
            select {MeetingSummary.Columns}
            from page join workflow.meeting m on m.id = page.id join workflow.organization o on o.id = m.organization_id
            order by page.held_on desc, page.starts_at desc, page.id;
            """, new { subtreePaths = paths, heldFrom = q.HeldFrom, heldTo = q.HeldTo, meetingType = q.MeetingType, paging.Limit, paging.Offset },
            cancellationToken);
        var total = Counting.Of(await grid.ReadSingleAsync<long>());
        var items = (await grid.ReadAsync<MeetingSummary>()).ToList();
        return new MeetingPage(items, total.Total, paging.Page, paging.PageSize, total.Capped);
    }
}

internal static class ListMeetingsEndpoint
{
    public static void MapListMeetings(this IEndpointRouteBuilder api) =>
        api.MapGet("/meetings", (Guid? organizationId, DateOnly? heldFrom, DateOnly? heldTo, string? meetingType, int? page, int? pageSize,
                IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListMeetings(organizationId, heldFrom, heldTo, string.IsNullOrWhiteSpace(meetingType) ? null : meetingType,
                    page ?? 1, pageSize ?? 20), ct))
            .WithName("ListMeetings").WithSummary("组织生活列表与日历：组织（含下级）、日期范围、会议类型，分页")
            .RequirePermission(WorkflowPermissions.Read);
}
