using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Recruitment;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.CloseRecruitmentFile;

/// <summary>
/// Closes a file before its end: the applicant withdrew, the review failed, the vote did not pass … with the reason. Its steps stay
/// on record; its to-dos close. The party status is left to Personnel (a closed file decides nothing about the register).
/// </summary>
internal sealed record CloseRecruitmentFile(Guid FileId, long Version, DateOnly? ClosedOn, string? Reason) : ICommand<ClosedRecruitmentFile>
{
    public string AuditAction => "workflow.recruitment.close";
    public AuditTarget AuditTarget => new("recruitment_file", FileId.ToString());
}

internal sealed record CloseRecruitmentFileBody(long Version, DateOnly? ClosedOn, string? Reason);

internal sealed record ClosedRecruitmentFile(Guid Id, long Version);

internal sealed class CloseRecruitmentFileValidator(IClock clock) : IValidator<CloseRecruitmentFile>
{
    public void Validate(CloseRecruitmentFile request, ValidationErrors errors)
    {
        if (request.ClosedOn is null) errors.Add("closedOn", "validation.required");
        else if (request.ClosedOn > clock.Today) errors.Add("closedOn", "workflow.date_in_future");
        errors.RequiredMax("reason", request.Reason, 500);
    }
}

internal sealed class CloseRecruitmentFileHandler(WorkflowDb db, RequestContext context, TodoBook todos)
    : IRequestHandler<CloseRecruitmentFile, ClosedRecruitmentFile>
{
    public async Task<ClosedRecruitmentFile> Handle(CloseRecruitmentFile request, CancellationToken cancellationToken)
    {
        var file = await RecruitmentFiles.LoadAsync(db, context, WorkflowPermissions.Write, request.FileId, forUpdate: true, cancellationToken);
        if (file.Version != request.Version) throw new ConcurrencyException(file.Version);
        if (file.Status == RecruitmentStatuses.Closed || file.NextStep > RecruitmentSteps.Last)
            throw new RuleViolationException("recruitment_file_closed", "workflow.recruitment.file_closed");
        var last = await db.QuerySingleAsync<DateOnly>(
            "select max(completed_on) from workflow.recruitment_step where file_id = @Id", new { file.Id }, cancellationToken);
        if (request.ClosedOn < last)
            new ValidationErrors().Add("closedOn", "workflow.recruitment.closed_before_last_step", last.ToString("yyyy-MM-dd")).ThrowIfAny();
        var version = await db.QuerySingleAsync<long>("""
            update workflow.recruitment_file
            set status = 'closed', outcome = 'withdrawn', closed_reason = @reason, closed_on = @ClosedOn, next_due_on = null,
                next_earliest_on = null, version = version + 1
            where id = @Id returning version
            """, new { file.Id, request.ClosedOn, reason = request.Reason!.Trim() }, cancellationToken);
        await RecruitmentFiles.RefreshTodosAsync(todos, file.OrganizationId, cancellationToken);
        return new ClosedRecruitmentFile(file.Id, version);
    }
}

internal static class CloseRecruitmentFileEndpoint
{
    public static void MapCloseRecruitmentFile(this IEndpointRouteBuilder api) =>
        api.MapPost("/recruitment/files/{id:guid}/close", async (Guid id, CloseRecruitmentFileBody body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new CloseRecruitmentFile(id, body.Version, body.ClosedOn, body.Reason), ct)))
            .WithName("CloseRecruitmentFile").WithSummary("终止发展党员档案（本人撤回申请等，须写明原因）")
            .RequirePermission(WorkflowPermissions.Write);
}
