using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.TransferPersonOut;

/// <summary>
/// Transfers a member's organisational relation out of the system (组织关系转出) with the letter of introduction's number,
/// the receiving organisation, and the month up to which dues are paid. The record stays, marked transferred out.
/// </summary>
internal sealed record TransferPersonOut(Guid PersonId, long Version, DateOnly? EffectiveOn, string? LetterNumber, string? Destination,
    string? DuesPaidUpTo, string? Reason) : ICommand<UpdatedRelation>
{
    public string AuditAction => "personnel.people.transfer_out";
    public AuditTarget AuditTarget => new("person", PersonId.ToString());
}

internal sealed record TransferPersonOutBody(long Version, DateOnly? EffectiveOn, string? LetterNumber, string? Destination, string? DuesPaidUpTo,
    string? Reason);

internal sealed class TransferPersonOutValidator(IClock clock) : IValidator<TransferPersonOut>
{
    public void Validate(TransferPersonOut r, ValidationErrors errors)
    {
        RelationWrites.EffectiveDate(r.EffectiveOn, clock.Today, errors);
        errors.RequiredMax("letterNumber", r.LetterNumber, 64).RequiredMax("destination", r.Destination, 200).MaxLength("reason", r.Reason, 500);
        RelationWrites.DuesMonth(r.DuesPaidUpTo, r.EffectiveOn, errors);
    }
}

internal sealed class TransferPersonOutHandler(PersonnelDb db, RequestContext context) : IRequestHandler<TransferPersonOut, UpdatedRelation>
{
    public async Task<UpdatedRelation> Handle(TransferPersonOut request, CancellationToken cancellationToken)
    {
        var person = await PersonWrites.LockForUpdateAsync(db, context, request.PersonId, request.Version, cancellationToken);
        if (!PartyStatus.Members.Contains(person.PartyStatus))
            throw new RuleViolationException("transfer_not_member", "relation.transfer_members_only");
        if (person.Relation == Relation.TransferredOut) throw new RuleViolationException("already_transferred", "relation.already_transferred");
        var on = request.EffectiveOn!.Value;
        var version = await RelationWrites.SetAsync(db, request.PersonId, person.OrganizationId, Relation.TransferredOut, on, cancellationToken);
        await PersonWrites.RecordChangeAsync(db, context, request.PersonId, "transferred_out", on, request.Reason, new { relation = person.Relation },
            new { relation = Relation.TransferredOut, request.LetterNumber, request.Destination, request.DuesPaidUpTo }, cancellationToken);
        await db.PublishAsync(new PersonTransferredOut(request.PersonId, person.OrganizationId, on, request.LetterNumber!.Trim(),
            request.Destination!.Trim(), request.DuesPaidUpTo), cancellationToken);
        return new UpdatedRelation(request.PersonId, person.OrganizationId, Relation.TransferredOut, version);
    }
}

internal static class TransferPersonOutEndpoint
{
    public static void MapTransferPersonOut(this IEndpointRouteBuilder api) =>
        api.MapPost("/people/{id:guid}/transfer-out", (Guid id, TransferPersonOutBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new TransferPersonOut(id, b.Version, b.EffectiveOn, b.LetterNumber, b.Destination, b.DuesPaidUpTo, b.Reason), ct))
            .WithName("TransferPersonOut").WithSummary("组织关系转出（介绍信编号、去向、党费交至年月）")
            .RequirePermission(PersonnelPermissions.Write);
}
