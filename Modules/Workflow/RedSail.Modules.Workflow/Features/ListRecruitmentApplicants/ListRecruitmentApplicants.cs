using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.ListRecruitmentApplicants;

/// <summary>Applicants on the rosters the caller may write to who have no file under way: whom a new file can be opened for.</summary>
internal sealed record ListRecruitmentApplicants(Guid? OrganizationId, string? Name, int Page = 1, int PageSize = 20) : IQuery<Paged<RecruitmentApplicant>>;

internal sealed record RecruitmentApplicant(Guid Id, string Name, Guid OrganizationId, string OrganizationName, DateOnly BirthDate);

internal sealed class ListRecruitmentApplicantsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListRecruitmentApplicants, Paged<RecruitmentApplicant>>
{
    public async Task<Paged<RecruitmentApplicant>> Handle(ListRecruitmentApplicants q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var name = string.IsNullOrWhiteSpace(q.Name) ? null : "%" + Paging.EscapeLike(q.Name.Trim()) + "%";
        var where = $"""
            p.party_status = 'applicant' and p.relation = 'active' and o.status = 'active' and {WorkflowScope.Within("o")}
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            and (@name::text is null or p.name like @name)
            and not exists (select 1 from workflow.recruitment_file f where f.person_id = p.id and f.status <> 'closed')
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select p.id, p.name, p.organization_id, o.name as organization_name, p.birth_date
            from workflow.person p join workflow.organization o on o.id = p.organization_id
            where {where} order by o.name, p.name, p.id limit @Limit offset @Offset;
            select count(*) from workflow.person p join workflow.organization o on o.id = p.organization_id where {where};
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Write),
                new { q.OrganizationId, name, paging.Limit, paging.Offset }), cancellationToken);
        var items = (await grid.ReadAsync<Row>()).Select(r => new RecruitmentApplicant(r.Id, r.Name, r.OrganizationId, r.OrganizationName, r.BirthDate)).ToList();
        return new Paged<RecruitmentApplicant>(items, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Guid OrganizationId { get; init; }
        public string OrganizationName { get; init; } = "";
        public DateOnly BirthDate { get; init; }
    }
}

internal static class ListRecruitmentApplicantsEndpoint
{
    public static void MapListRecruitmentApplicants(this IEndpointRouteBuilder api) =>
        api.MapGet("/recruitment/applicants", (Guid? organizationId, string? name, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListRecruitmentApplicants(organizationId, name, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListRecruitmentApplicants").WithSummary("可建立发展档案的入党申请人（名册中、尚无进行中的档案）")
            .RequirePermission(WorkflowPermissions.Write);
}
