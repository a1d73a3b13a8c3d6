using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.ChangeMemberRelation;

/// <summary>
/// Marks a member as flowing (流动党员, with where they went and how to reach them), as lost contact (失联), or back to
/// normal, from a date with the reason. Only party members have an organisational relation to change.
/// </summary>
internal sealed record ChangeMemberRelation(Guid PersonId, long Version, string? To, DateOnly? EffectiveOn, string? Reason, string? Whereabouts)
    : ICommand<UpdatedRelation>
{
    public string AuditAction => "personnel.people.change_relation";
    public AuditTarget AuditTarget => new("person", PersonId.ToString());
}

internal sealed record ChangeMemberRelationBody(long Version, string? To, DateOnly? EffectiveOn, string? Reason, string? Whereabouts);

internal sealed class ChangeMemberRelationValidator(IClock clock) : IValidator<ChangeMemberRelation>
{
    public void Validate(ChangeMemberRelation r, ValidationErrors errors)
    {
        if (r.To is null || !Relation.Targets.Contains(r.To)) errors.Add("to", "person.code_unknown", r.To ?? "");
        RelationWrites.EffectiveDate(r.EffectiveOn, clock.Today, errors);
        errors.RequiredMax("reason", r.Reason, 500).MaxLength("whereabouts", r.Whereabouts, 200);
        if (r.To == Relation.Flowing && string.IsNullOrWhiteSpace(r.Whereabouts)) errors.Add("whereabouts", "validation.required");
    }
}

internal sealed class ChangeMemberRelationHandler(PersonnelDb db, RequestContext context) : IRequestHandler<ChangeMemberRelation, UpdatedRelation>
{
    public async Task<UpdatedRelation> Handle(ChangeMemberRelation request, CancellationToken cancellationToken)
    {
        var person = await PersonWrites.LockForUpdateAsync(db, context, request.PersonId, request.Version, cancellationToken);
        if (!PartyStatus.Members.Contains(person.PartyStatus))
            throw new RuleViolationException("relation_not_member", "relation.members_only");
        if (!Relation.MayChange(person.Relation, request.To!))
            throw new RuleViolationException("relation_change", "relation.change_not_allowed");
        var on = request.EffectiveOn!.Value;
        if (person.RelationSince is { } since && on < since)
            throw new RuleViolationException("relation_date", "person.effective_before_current", since.ToString("yyyy-MM-dd"));
        var version = await RelationWrites.SetAsync(db, request.PersonId, person.OrganizationId, request.To!, on, cancellationToken);
        await PersonWrites.RecordChangeAsync(db, context, request.PersonId, "relation", on, request.Reason, new { relation = person.Relation },
            new { relation = request.To, whereabouts = PersonWrites.Blank(request.Whereabouts) }, cancellationToken);
        await db.PublishAsync(new PersonRelationChanged(request.PersonId, person.OrganizationId, person.Relation, request.To!, on, request.Reason),
            cancellationToken);
        return new UpdatedRelation(request.PersonId, person.OrganizationId, request.To!, version);
    }
}

internal static class ChangeMemberRelationEndpoint
{
    public static void MapChangeMemberRelation(this IEndpointRouteBuilder api) =>
        api.MapPost("/people/{id:guid}/relation", (Guid id, ChangeMemberRelationBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ChangeMemberRelation(id, b.Version, b.To, b.EffectiveOn, b.Reason, b.Whereabouts), ct))
            .WithName("ChangeMemberRelation").WithSummary("流动党员、失联党员登记与恢复正常（注明日期、原因、去向）")
            .RequirePermission(PersonnelPermissions.Write);
}
