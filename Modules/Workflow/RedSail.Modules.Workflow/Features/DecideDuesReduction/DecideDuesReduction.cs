using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Dues;
using RedSail.Modules.Workflow.Features.Rules;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.DecideDuesReduction;

/// <summary>
/// The higher organisation approves or rejects a hardship request. Two people are involved (四眼原则): the decider is not
/// the requester, and acts with write scope over the deciding organisation (the branch's secretary alone cannot approve the
/// branch's own request). An approval applies at once to the span's months not yet paid.
/// </summary>
internal sealed record DecideDuesReduction(Guid Id, bool? Approve, string? DecisionNote, long? Version) : ICommand<DecidedDuesReduction>
{
    public string AuditAction => "workflow.dues.reduction.decide";
    public AuditTarget AuditTarget => new("dues_reduction", Id.ToString());
}

internal sealed record DecidedDuesReduction(Guid Id, string Status, long Version) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("dues_reduction", Id.ToString());
}

internal sealed class DecideDuesReductionValidator : IValidator<DecideDuesReduction>
{
    public void Validate(DecideDuesReduction request, ValidationErrors errors)
    {
        if (request.Approve is null) errors.Add("approve", "validation.required");
        if (request.Version is null) errors.Add("version", "validation.required");
        errors.MaxLength("decisionNote", request.DecisionNote, 1000);
    }
}

internal sealed class DecideDuesReductionHandler(WorkflowDb db, RequestContext context, IClock clock, TodoBook todos)
    : IRequestHandler<DecideDuesReduction, DecidedDuesReduction>
{
    public async Task<DecidedDuesReduction> Handle(DecideDuesReduction request, CancellationToken cancellationToken)
    {
        var reduction = await db.QuerySingleOrDefaultAsync<Reduction>($"""
            select r.id, r.person_id, r.organization_id, r.deciding_organization_id, r.from_month, r.status, r.requested_by, r.version
            from workflow.dues_reduction r join workflow.organization o on o.id = r.organization_id
            where r.id = @Id and {WorkflowScope.Within("o")}
            for update of r
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Write), new { request.Id }), cancellationToken)
            ?? throw new NotFoundException("dues_reduction", request.Id.ToString());
        if (reduction.Version != request.Version) throw new ConcurrencyException(reduction.Version);
        if (reduction.Status != "pending") throw new RuleViolationException("dues_reduction_decided", "workflow.dues.reduction_decided");
        if (reduction.RequestedBy == context.Principal.UserId)
            throw new RuleViolationException("dues_reduction_same_user", "workflow.dues.reduction_same_user");
        var deciding = await db.ExecuteScalarAsync<bool>($"select exists (select 1 from workflow.organization o where o.id = @id and {WorkflowScope.Within("o")})",
            WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Write), new { id = reduction.DecidingOrganizationId }), cancellationToken);
        if (!deciding) throw new RuleViolationException("dues_reduction_needs_committee", "workflow.dues.reduction_needs_committee");

        var status = request.Approve == true ? "approved" : "rejected";
        var version = await db.QuerySingleAsync<long>("""
            update workflow.dues_reduction set status = @status, decided_by = @decidedBy, decided_at = now(), decision_note = @note, version = version + 1
            where id = @id returning version
            """, new { id = reduction.Id, status, decidedBy = context.Principal.UserId, note = request.DecisionNote?.Trim() }, cancellationToken);
        if (status == "approved")
            await DuesBases.RecomputeFromAsync(db, await RuleBook.LoadAsync(db, cancellationToken), reduction.PersonId, null, reduction.FromMonth,
                clock.Today, cancellationToken);
        await todos.RefreshAsync(DuesReductionTodos.KindName, reduction.DecidingOrganizationId, cancellationToken);
        await todos.RefreshAsync(DuesArrearsTodos.KindName, reduction.OrganizationId, cancellationToken);
        return new DecidedDuesReduction(reduction.Id, status, version);
    }

    private sealed class Reduction
    {
        public Guid Id { get; init; }
        public Guid PersonId { get; init; }
        public Guid OrganizationId { get; init; }
        public Guid DecidingOrganizationId { get; init; }
        public DateOnly FromMonth { get; init; }
        public string Status { get; init; } = "";
        public Guid? RequestedBy { get; init; }
        public long Version { get; init; }
    }
}

internal static class DecideDuesReductionEndpoint
{
    public static void MapDecideDuesReduction(this IEndpointRouteBuilder api) =>
        api.MapPost("/dues/reductions/{id:guid}/decision", (Guid id, DecideDuesReduction body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(body with { Id = id }, ct))
            .WithName("DecideDuesReduction").WithSummary("审批党费减免申请（上级党组织，且非申请人本人）")
            .RequirePermission(WorkflowPermissions.Write);
}
