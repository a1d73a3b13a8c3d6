using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Study;

namespace RedSail.Modules.Workflow.Features.RecordStudySession;

/// <summary>
/// Records a study session (the committee's 大课, a branch's 小课, the quarterly 集中学习) with who took part, from the
/// organisation's roster: each participant earns the session's hours.
/// </summary>
internal sealed record RecordStudySession(Guid? OrganizationId, DateOnly? SessionDate, string? SessionTopic, decimal? SessionHours, string? SessionKind,
    IReadOnlyList<Guid>? ParticipantIds) : ICommand<RecordedStudySession>
{
    public string AuditAction => "workflow.study.sessions.record";
    public AuditTarget AuditTarget => new("workflow_study_session", null, OrganizationId?.ToString());
}

internal sealed record RecordedStudySession(Guid Id, int Participants) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("workflow_study_session", Id.ToString());
}

internal sealed class RecordStudySessionValidator(IClock clock) : IValidator<RecordStudySession>
{
    public void Validate(RecordStudySession request, ValidationErrors errors)
    {
        if (request.OrganizationId is null) errors.Add("organizationId", "validation.required");
        if (request.SessionDate is null) errors.Add("sessionDate", "validation.required");
        else if (request.SessionDate > clock.Today) errors.Add("sessionDate", "workflow.date_in_future");
        errors.RequiredMax("sessionTopic", request.SessionTopic, 200).Hours("sessionHours", request.SessionHours);
        if (!StudyKinds.Sessions.Contains(request.SessionKind ?? "")) errors.Add("sessionKind", "validation.invalid");
        if (request.ParticipantIds is not { Count: > 0 }) errors.Add("participantIds", "validation.required");
        else if (request.ParticipantIds.Count > 5000) errors.Add("participantIds", "validation.between", 1, 5000);
    }
}

internal sealed class RecordStudySessionHandler(WorkflowDb db, RequestContext context) : IRequestHandler<RecordStudySession, RecordedStudySession>
{
    public async Task<RecordedStudySession> Handle(RecordStudySession request, CancellationToken cancellationToken)
    {
        var organization = await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Write, request.OrganizationId!.Value, cancellationToken);
        var participants = request.ParticipantIds!.Distinct().ToArray();
        await StudyRoster.CheckAsync(db, organization.Id, participants, "participantIds", list: true, cancellationToken);
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("""
            insert into workflow.study_session (id, organization_id, held_on, topic, hours, kind)
            values (@id, @organizationId, @SessionDate, @SessionTopic, @SessionHours, @SessionKind);
            insert into workflow.study_participant (session_id, person_id) select @id, p from unnest(@participants) p;
            """, new { id, organizationId = organization.Id, request.SessionDate, request.SessionTopic, request.SessionHours, request.SessionKind, participants },
            cancellationToken);
        return new RecordedStudySession(id, participants.Length);
    }
}

internal static class RecordStudySessionEndpoint
{
    public static void MapRecordStudySession(this IEndpointRouteBuilder api) =>
        api.MapPost("/study-sessions", async (RecordStudySession command, IMediator mediator, CancellationToken ct) =>
                Results.Created("/api/workflow/study-sessions", await mediator.Send(command, ct)))
            .WithName("RecordStudySession").WithSummary("登记集中学习（大课、小课、季度集中学习）及参加人员，参加人员计入学时")
            .RequirePermission(WorkflowPermissions.Write);
}
