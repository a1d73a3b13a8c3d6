using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Study;

namespace RedSail.Modules.Workflow.Features.RecordStudyAchievement;

/// <summary>Records a study achievement (学习成果) of the year, a branch's or one member's, optionally featured in the year's showcase (评优展示).</summary>
internal sealed record RecordStudyAchievement(Guid? OrganizationId, Guid? PersonId, int? Year, string? AchievementTitle, string? AchievementSummary,
    bool? Featured) : ICommand<RecordedStudyAchievement>
{
    public string AuditAction => "workflow.study.achievements.record";
    public AuditTarget AuditTarget => new("workflow_study_achievement", null, OrganizationId?.ToString());
}

internal sealed record RecordedStudyAchievement(Guid Id) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("workflow_study_achievement", Id.ToString());
}

internal sealed class RecordStudyAchievementValidator(IClock clock) : IValidator<RecordStudyAchievement>
{
    public void Validate(RecordStudyAchievement request, ValidationErrors errors)
    {
        if (request.OrganizationId is null) errors.Add("organizationId", "validation.required");
        if (request.Year is null) errors.Add("year", "validation.required");
        else if (!PlanTasks.PlausibleYear(request.Year.Value, clock.Today)) errors.Add("year", "validation.between", 2000, clock.Today.Year + 1);
        errors.RequiredMax("achievementTitle", request.AchievementTitle, 200).RequiredMax("achievementSummary", request.AchievementSummary, 4000);
    }
}

internal sealed class RecordStudyAchievementHandler(WorkflowDb db, RequestContext context) : IRequestHandler<RecordStudyAchievement, RecordedStudyAchievement>
{
    public async Task<RecordedStudyAchievement> Handle(RecordStudyAchievement request, CancellationToken cancellationToken)
    {
        var organization = await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Write, request.OrganizationId!.Value, cancellationToken);
        if (request.PersonId is { } person) await StudyRoster.CheckAsync(db, organization.Id, [person], "personId", list: false, cancellationToken);
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("""
            insert into workflow.study_achievement (id, organization_id, person_id, year, title, summary, featured)
            values (@id, @organizationId, @PersonId, @Year, @AchievementTitle, @AchievementSummary, @featured)
            """, new { id, organizationId = organization.Id, request.PersonId, request.Year, request.AchievementTitle, request.AchievementSummary,
                featured = request.Featured ?? false }, cancellationToken);
        return new RecordedStudyAchievement(id);
    }
}

internal static class RecordStudyAchievementEndpoint
{
    public static void MapRecordStudyAchievement(this IEndpointRouteBuilder api) =>
        api.MapPost("/study-achievements", async (RecordStudyAchievement command, IMediator mediator, CancellationToken ct) =>
                Results.Created("/api/workflow/study-achievements", await mediator.Send(command, ct)))
            .WithName("RecordStudyAchievement").WithSummary("登记年度学习成果（支部或党员），可选入评优展示")
            .RequirePermission(WorkflowPermissions.Write);
}
