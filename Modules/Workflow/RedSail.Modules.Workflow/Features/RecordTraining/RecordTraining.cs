using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Study;

namespace RedSail.Modules.Workflow.Features.RecordTraining;

/// <summary>Records a training a committee member (or any member) attended (支委培训): title, organiser, date, hours, kind.</summary>
internal sealed record RecordTraining(Guid? PersonId, string? Title, string? Organizer, DateOnly? TrainingDate, decimal? TrainingHours,
    string? TrainingKind) : ICommand<RecordedTraining>
{
    public string AuditAction => "workflow.trainings.record";
    public AuditTarget AuditTarget => new("workflow_training_record", null);
}

internal sealed record RecordedTraining(Guid Id) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("workflow_training_record", Id.ToString());
}

internal sealed class RecordTrainingValidator(IClock clock) : IValidator<RecordTraining>
{
    public void Validate(RecordTraining request, ValidationErrors errors)
    {
        if (request.PersonId is null) errors.Add("personId", "validation.required");
        errors.RequiredMax("title", request.Title, 200).RequiredMax("organizer", request.Organizer, 200).Hours("trainingHours", request.TrainingHours);
        if (request.TrainingDate is null) errors.Add("trainingDate", "validation.required");
        else if (request.TrainingDate > clock.Today) errors.Add("trainingDate", "workflow.date_in_future");
        if (!StudyKinds.Trainings.Contains(request.TrainingKind ?? "")) errors.Add("trainingKind", "validation.invalid");
    }
}

internal sealed class RecordTrainingHandler(WorkflowDb db, RequestContext context) : IRequestHandler<RecordTraining, RecordedTraining>
{
    public async Task<RecordedTraining> Handle(RecordTraining request, CancellationToken cancellationToken)
    {
        var organizationId = await db.QuerySingleOrDefaultAsync<Guid?>("select organization_id from workflow.person where id = @PersonId",
            request, cancellationToken) ?? throw new NotFoundException("person", request.PersonId.ToString());
        await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Write, organizationId, cancellationToken);
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("""
            insert into workflow.training_record (id, person_id, organization_id, title, organizer, held_on, hours, kind)
            values (@id, @PersonId, @organizationId, @Title, @Organizer, @TrainingDate, @TrainingHours, @TrainingKind)
            """, new { id, organizationId, request.PersonId, request.Title, request.Organizer, request.TrainingDate, request.TrainingHours, request.TrainingKind },
            cancellationToken);
        await TrainingPublications.PublishAsync(db, [id], cancellationToken);
        return new RecordedTraining(id);
    }
}

internal static class RecordTrainingEndpoint
{
    public static void MapRecordTraining(this IEndpointRouteBuilder api) =>
        api.MapPost("/trainings", async (RecordTraining command, IMediator mediator, CancellationToken ct) =>
                Results.Created("/api/workflow/trainings", await mediator.Send(command, ct)))
            .WithName("RecordTraining").WithSummary("登记支委（或党员）参加的培训：名称、主办单位、日期、学时、形式")
            .RequirePermission(WorkflowPermissions.Write);
}
