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
    : IQuery<Paged<MeetingSummary>>;

internal sealed class ListMeetingsValidator : IValidator<ListMeetings>
{
    public void Validate(ListMeetings q, ValidationErrors errors)
    {
        if (q.HeldFrom > q.HeldTo) errors.Add("heldTo", "workflow.meetings.range_reversed");
        if (q.MeetingType is { } type && !MeetingTypes.All.Contains(type)) errors.Add("meetingType", "workflow.meetings.type_unknown", type);
    }
}

internal sealed class ListMeetingsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListMeetings, Paged<MeetingSummary>>
{
    public async Task<Paged<MeetingSummary>> Handle(ListMeetings q, CancellationToken cancellationToken)
    {
        if (q.OrganizationId is { } organizationId)
            await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Read, organizationId, cancellationToken);
        var paging = Paging.Of(q.Page, q.PageSize);
        const string where = """
            m.removed_at is null
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            and (@heldFrom::date is null or m.held_on >= @heldFrom) and (@heldTo::date is null or m.held_on <= @heldTo)
            and (@meetingType::text is null or m.type = @meetingType)
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select count(*) from workflow.meeting m join workflow.organization o on o.id = m.organization_id
            where {where} and {WorkflowScope.Within("o")};
            select {MeetingSummary.Columns}
            from workflow.meeting m join workflow.organization o on o.id = m.organization_id
            where {where} and {WorkflowScope.Within("o")}
            order by m.held_on desc, m.starts_at desc, m.id
            limit @Limit offset @Offset;
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read),
                new { q.OrganizationId, q.HeldFrom, q.HeldTo, q.MeetingType, paging.Limit, paging.Offset }), cancellationToken);
        var total = await grid.ReadSingleAsync<long>();
        return new Paged<MeetingSummary>((await grid.ReadAsync<MeetingSummary>()).ToList(), total, paging.Page, paging.PageSize);
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
