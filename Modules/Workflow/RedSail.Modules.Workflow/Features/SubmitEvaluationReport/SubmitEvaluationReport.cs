using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Evaluations;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.SubmitEvaluationReport;

/// <summary>
/// 述职: a branch's secretary submits the branch's report (text, and optionally a file) for an open 述职测评 round. A
/// resubmission (e.g. after the committee returned it) replaces the text and, when given, the file.
/// </summary>
internal sealed record SubmitEvaluationReport(Guid RoundId, Guid? OrganizationId, string? ReportText, string? FileName, byte[]? Content)
    : ICommand<SubmittedEvaluationReport>
{
    public string AuditAction => "workflow.evaluations.report";
    public AuditTarget AuditTarget => new("evaluation_round", RoundId.ToString(), OrganizationId?.ToString());
}

internal sealed record SubmittedEvaluationReport(Guid RoundId, Guid OrganizationId, Guid? AttachmentId, long Version);

internal sealed class SubmitEvaluationReportValidator : IValidator<SubmitEvaluationReport>
{
    public void Validate(SubmitEvaluationReport r, ValidationErrors errors)
    {
        if (r.OrganizationId is null) errors.Add("organizationId", "validation.required");
        errors.RequiredMax("reportText", r.ReportText, 20_000);
    }
}

internal sealed class SubmitEvaluationReportHandler(WorkflowDb db, RequestContext context, TodoBook todos)
    : IRequestHandler<SubmitEvaluationReport, SubmittedEvaluationReport>
{
    public async Task<SubmittedEvaluationReport> Handle(SubmitEvaluationReport r, CancellationToken ct)
    {
        var branch = await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Write, r.OrganizationId!.Value, ct);
        // The round is the committee's (out of a secretary's scope): writing to the branch it evaluates is what entitles.
        var round = await db.QuerySingleOrDefaultAsync<EvaluationRound>($"""
            select {EvaluationRounds.Columns} from workflow.evaluation_round r join workflow.organization o on o.id = r.organization_id
            where r.id = @RoundId for share of r
            """, r, ct) ?? throw new NotFoundException("evaluation_round", r.RoundId.ToString());
        if (round.Kind != EvaluationKinds.AnnualReview || !await db.ExecuteScalarAsync<bool>(
                "select exists (select 1 from workflow.evaluation_subject where round_id = @RoundId and subject_id = @OrganizationId)", r, ct))
            throw new RuleViolationException("evaluation_not_reporting", "workflow.evaluations.branch_not_reporting", branch.Name);
        if (!round.IsOpen) throw new RuleViolationException("evaluation_round_closed", "workflow.evaluations.round_closed");

        Guid? attachmentId = null;
        if (r.Content is not null)
        {
            var contentType = EvaluationFiles.ContentTypeOf(r.Content, r.FileName ?? "");
            attachmentId = Guid.NewGuid();
            await db.ExecuteAsync("""
                insert into workflow.evaluation_attachment (id, round_id, organization_id, file_name, content_type, size, sha256, content, uploaded_by)
                values (@attachmentId, @RoundId, @OrganizationId, @fileName, @contentType, @size, @sha256, @Content, @userId)
                """, new
                {
                    attachmentId, r.RoundId, r.OrganizationId, fileName = Path.GetFileName(r.FileName ?? "report"), contentType, size = r.Content.Length,
                    sha256 = SHA256.HashData(r.Content), r.Content, userId = context.Principal.UserId,
                }, ct);
        }
        var version = await db.QuerySingleAsync<long>("""
            insert into workflow.evaluation_report (round_id, organization_id, text, attachment_id, status, submitted_by)
            values (@RoundId, @OrganizationId, @text, @attachmentId, 'submitted', @userId)
            on conflict (round_id, organization_id) do update
                set text = excluded.text, attachment_id = coalesce(excluded.attachment_id, workflow.evaluation_report.attachment_id),
                    status = 'submitted', return_reason = null, submitted_by = excluded.submitted_by, submitted_at = now(),
                    version = workflow.evaluation_report.version + 1
            returning version
            """, new { r.RoundId, r.OrganizationId, text = r.ReportText!.Trim(), attachmentId, userId = context.Principal.UserId }, ct);
        await todos.RefreshAsync(EvaluationReportDue.KindName, branch.Id, ct);
        return new SubmittedEvaluationReport(r.RoundId, branch.Id, attachmentId, version);
    }
}

internal static class SubmitEvaluationReportEndpoint
{
    public static void MapSubmitEvaluationReport(this IEndpointRouteBuilder api) =>
        api.MapPost("/evaluations/rounds/{roundId:guid}/reports", async (Guid roundId, HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                // multipart/form-data: organizationId, reportText, and optionally file
                var form = http.HasFormContentType ? await http.ReadFormAsync(ct) : null;
                var file = form?.Files.GetFile("file");
                if (file is { Length: > EvaluationFiles.MaxBytes })
                    new ValidationErrors().Add("file", "workflow.evaluations.file_too_large", EvaluationFiles.MaxBytes / 1024 / 1024).ThrowIfAny();
                byte[]? content = null;
                if (file is not null)
                {
                    using var buffer = new MemoryStream((int)file.Length);
                    await file.CopyToAsync(buffer, ct);
                    content = buffer.ToArray();
                }
                return await mediator.Send(new SubmitEvaluationReport(roundId,
                    Guid.TryParse(form?["organizationId"].ToString(), out var organizationId) ? organizationId : null,
                    form?["reportText"].ToString(), file?.FileName, content), ct);
            })
            .WithName("SubmitEvaluationReport").WithSummary("支部书记提交述职报告（正文及附件）")
            .WithMetadata(new RequestSizeLimitAttribute(EvaluationFiles.MaxBytes + 256 * 1024))
            .RequirePermission(WorkflowPermissions.Write);
}
