using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Dues;
using RedSail.Modules.Workflow.Features.Rules;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.SetDuesBase;

/// <summary>
/// Sets a member's dues category and base from a month on (a raise, retirement, a student's fixed amount). The months not
/// yet paid from that month up to the current one (and any generated ahead) are recomputed at once; paid months keep the
/// amount they were paid at. Setting the same month again edits it (optimistic: <see cref="Version"/> of that month's base).
/// </summary>
internal sealed record SetDuesBase(Guid PersonId, string? DuesCategory, decimal? DuesBase, DateOnly? BaseFrom, long? Version) : ICommand<SetDuesBaseResult>
{
    public string AuditAction => "workflow.dues.base.set";
    public AuditTarget AuditTarget => new("person", PersonId.ToString());
}

/// <summary>The base as set, and what it makes the member owe in its first month.</summary>
internal sealed record SetDuesBaseResult(Guid PersonId, DateOnly Month, string Category, decimal Base, decimal? RatePercent, decimal AmountDue,
    long Version, int MonthsRecomputed) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("person", PersonId.ToString());
}

internal sealed class SetDuesBaseValidator(IClock clock) : IValidator<SetDuesBase>
{
    public void Validate(SetDuesBase request, ValidationErrors errors) =>
        errors.Category("duesCategory", request.DuesCategory).Money("duesBase", request.DuesBase).Month("baseFrom", request.BaseFrom, clock.Today);
}

internal sealed class SetDuesBaseHandler(WorkflowDb db, RequestContext context, IClock clock, TodoBook todos) : IRequestHandler<SetDuesBase, SetDuesBaseResult>
{
    public async Task<SetDuesBaseResult> Handle(SetDuesBase request, CancellationToken cancellationToken)
    {
        var member = await DuesMembers.EnsureAsync(db, context, WorkflowPermissions.Write, request.PersonId, cancellationToken);
        var month = DuesCalculation.MonthOf(request.BaseFrom!.Value);
        var version = await DuesBases.SaveAsync(db, member.Id, month, request.DuesCategory!, request.DuesBase!.Value, "entered", null,
            context.Principal.UserId, request.Version, cancellationToken);
        var rules = await RuleBook.LoadAsync(db, cancellationToken);
        var recomputed = await DuesBases.RecomputeFromAsync(db, rules, member.Id, null, month, clock.Today, cancellationToken);
        await todos.RefreshAsync(DuesArrearsTodos.KindName, member.OrganizationId, cancellationToken);
        var due = DuesCalculation.Due(rules.At(month).Dues, request.DuesCategory!, request.DuesBase!.Value);
        return new SetDuesBaseResult(member.Id, month, request.DuesCategory!, request.DuesBase!.Value, due.RatePercent, due.Amount, version, recomputed);
    }
}

internal static class SetDuesBaseEndpoint
{
    public static void MapSetDuesBase(this IEndpointRouteBuilder api) =>
        api.MapPut("/dues/bases/{personId:guid}", (Guid personId, SetDuesBase body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(body with { PersonId = personId }, ct))
            .WithName("SetDuesBase").WithSummary("设置党员的党费类别与计缴基数（自某月起；重算该月起尚未缴纳的月份）")
            .RequirePermission(WorkflowPermissions.Write);
}
