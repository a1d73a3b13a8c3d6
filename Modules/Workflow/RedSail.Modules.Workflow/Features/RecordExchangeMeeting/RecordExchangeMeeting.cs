using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.RecordExchangeMeeting;

/// <summary>Records the committee's quarterly exchange meeting (季度交流) of its branches: date, topic, branches taking part, summary.</summary>
internal sealed record RecordExchangeMeeting(Guid? OrganizationId, DateOnly? ExchangeDate, string? ExchangeTopic,
    IReadOnlyList<Guid>? ExchangeBranchIds, string? ExchangeSummary) : ICommand<RecordedExchangeMeeting>
{
    public string AuditAction => "workflow.exchanges.record";
    public AuditTarget AuditTarget => new("workflow_exchange_meeting", null, OrganizationId?.ToString());
}

internal sealed record RecordedExchangeMeeting(Guid Id, int Year, int Quarter) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("workflow_exchange_meeting", Id.ToString());
}

internal sealed class RecordExchangeMeetingValidator(IClock clock) : IValidator<RecordExchangeMeeting>
{
    public void Validate(RecordExchangeMeeting request, ValidationErrors errors)
    {
        if (request.OrganizationId is null) errors.Add("organizationId", "validation.required");
        if (request.ExchangeDate is null) errors.Add("exchangeDate", "validation.required");
        else if (request.ExchangeDate > clock.Today) errors.Add("exchangeDate", "workflow.date_in_future");
        errors.RequiredMax("exchangeTopic", request.ExchangeTopic, 200).MaxLength("exchangeSummary", request.ExchangeSummary, 4000);
        if (request.ExchangeBranchIds is not { Count: > 0 }) errors.Add("exchangeBranchIds", "validation.required");
        else if (request.ExchangeBranchIds.Count > 200) errors.Add("exchangeBranchIds", "validation.between", 1, 200);
    }
}

internal sealed class RecordExchangeMeetingHandler(WorkflowDb db, RequestContext context) : IRequestHandler<RecordExchangeMeeting, RecordedExchangeMeeting>
{
    public async Task<RecordedExchangeMeeting> Handle(RecordExchangeMeeting request, CancellationToken cancellationToken)
    {
        var committee = await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Write, request.OrganizationId!.Value, cancellationToken);
        // An exchange is the committee's, among its branches: a branch holds none (its 支委会 are meetings).
        if (PlanTasks.LevelOf(committee.Type) != PlanTasks.CommitteeLevel)
            throw new RuleViolationException("exchange_needs_committee", "workflow.study.exchange_needs_committee", committee.Name);
        var branches = request.ExchangeBranchIds!.Distinct().ToArray();
        var found = (await db.QueryAsync<Guid>($"""
            select b.id from workflow.organization b where b.id = any(@branches) and b.status = 'active' and {BranchTypes.Sql("b")}
              and b.path <@ @path::ltree
            """, new { branches, path = committee.Path }, cancellationToken)).ToHashSet();
        var errors = new ValidationErrors();
        for (var i = 0; i < branches.Length; i++)
            if (!found.Contains(branches[i])) errors.Add($"exchangeBranchIds[{i}]", "workflow.study.branch_not_below");
        errors.ThrowIfAny();

        var id = Guid.CreateVersion7();
        var date = request.ExchangeDate!.Value;
        var quarter = (date.Month - 1) / 3 + 1;
        await db.ExecuteAsync("""
            insert into workflow.exchange_meeting (id, organization_id, year, quarter, held_on, topic, branch_ids, summary)
            values (@id, @organizationId, @year, @quarter, @date, @ExchangeTopic, @branches, @ExchangeSummary)
            """, new { id, organizationId = committee.Id, year = date.Year, quarter, date, request.ExchangeTopic, branches, request.ExchangeSummary },
            cancellationToken);
        return new RecordedExchangeMeeting(id, date.Year, quarter);
    }
}

internal static class RecordExchangeMeetingEndpoint
{
    public static void MapRecordExchangeMeeting(this IEndpointRouteBuilder api) =>
        api.MapPost("/exchange-meetings", async (RecordExchangeMeeting command, IMediator mediator, CancellationToken ct) =>
                Results.Created("/api/workflow/exchange-meetings", await mediator.Send(command, ct)))
            .WithName("RecordExchangeMeeting").WithSummary("登记党委季度交流会：日期（确定季度）、主题、参加支部、交流情况")
            .RequirePermission(WorkflowPermissions.Write);
}
