using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.MovePerson;

/// <summary>
/// Moves a person to another organisation inside the tree (e.g. between branches after a change of department), from
/// a date, with the reason. The caller must be able to write both the person and the destination.
/// </summary>
internal sealed record MovePerson(Guid PersonId, long Version, Guid? ToOrganizationId, DateOnly? EffectiveOn, string? Reason) : ICommand<UpdatedRelation>
{
    public string AuditAction => "personnel.people.move";
    public AuditTarget AuditTarget => new("person", PersonId.ToString());
}

internal sealed record MovePersonBody(long Version, Guid? ToOrganizationId, DateOnly? EffectiveOn, string? Reason);

internal sealed class MovePersonValidator(IClock clock) : IValidator<MovePerson>
{
    public void Validate(MovePerson r, ValidationErrors errors)
    {
        if (r.ToOrganizationId is null) errors.Add("toOrganizationId", "validation.required");
        RelationWrites.EffectiveDate(r.EffectiveOn, clock.Today, errors);
        errors.RequiredMax("reason", r.Reason, 500);
    }
}

internal sealed class MovePersonHandler(PersonnelDb db, RequestContext context) : IRequestHandler<MovePerson, UpdatedRelation>
{
    public async Task<UpdatedRelation> Handle(MovePerson request, CancellationToken cancellationToken)
    {
        var person = await PersonWrites.LockForUpdateAsync(db, context, request.PersonId, request.Version, cancellationToken);
        var to = request.ToOrganizationId!.Value;
        if (to == person.OrganizationId) new ValidationErrors().Add("toOrganizationId", "relation.same_organization").ThrowIfAny();
        if (person.Relation == Domain.Relation.TransferredOut) throw new RuleViolationException("already_transferred", "relation.already_transferred");
        await PersonWrites.EnsureOrganizationWritableAsync(db, context, to, cancellationToken);
        var on = request.EffectiveOn!.Value;
        var version = await RelationWrites.SetAsync(db, request.PersonId, to, person.Relation, person.RelationSince ?? on, cancellationToken);
        await PersonWrites.RecordChangeAsync(db, context, request.PersonId, "moved", on, request.Reason,
            new { organizationId = person.OrganizationId, organizationName = person.OrganizationName }, new { organizationId = to }, cancellationToken);
        await db.PublishAsync(new PersonMoved(request.PersonId, person.OrganizationId, to, on, request.Reason), cancellationToken);
        return new UpdatedRelation(request.PersonId, to, person.Relation, version);
    }
}

internal static class MovePersonEndpoint
{
    public static void MapMovePerson(this IEndpointRouteBuilder api) =>
        api.MapPost("/people/{id:guid}/move", (Guid id, MovePersonBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new MovePerson(id, b.Version, b.ToOrganizationId, b.EffectiveOn, b.Reason), ct))
            .WithName("MovePerson").WithSummary("党组织内部调动（如支部间转接），注明日期与原因")
            .RequirePermission(PersonnelPermissions.Write);
}
