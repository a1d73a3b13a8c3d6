using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;
using RedSail.Modules.Personnel.Features.Rules;

namespace RedSail.Modules.Personnel.Features.TransferPersonIn;

/// <summary>
/// Receives a member's organisational relation from outside (组织关系转入) with the letter of introduction: a newcomer is
/// recorded; someone who was transferred out earlier gets their record back (matched by ID number), in the new organisation.
/// </summary>
internal sealed record TransferPersonIn(Guid OrganizationId, DateOnly? EffectiveOn, string? LetterNumber, string? Origin, string? DuesPaidUpTo,
    string? Reason, PersonBasics Basics, string? PartyStatus, PartyDates? PartyDates) : ICommand<TransferredIn>
{
    public string AuditAction => "personnel.people.transfer_in";
    public AuditTarget AuditTarget => new("person", null, OrganizationId.ToString());
}

internal sealed record TransferredIn(Guid Id, bool Returning, long Version) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("person", Id.ToString());
}

internal sealed class TransferPersonInValidator(IClock clock) : IValidator<TransferPersonIn>
{
    public void Validate(TransferPersonIn r, ValidationErrors errors)
    {
        NewPersonRules.CheckBasics(r.Basics, r.PartyStatus, clock.Today, errors);
        if (r.PartyStatus is not null && !Domain.PartyStatus.Members.Contains(r.PartyStatus)) errors.Add("partyStatus", "relation.transfer_members_only");
        RelationWrites.EffectiveDate(r.EffectiveOn, clock.Today, errors);
        errors.RequiredMax("letterNumber", r.LetterNumber, 64).RequiredMax("origin", r.Origin, 200).MaxLength("reason", r.Reason, 500);
        RelationWrites.DuesMonth(r.DuesPaidUpTo, r.EffectiveOn, errors);
    }
}

internal sealed class TransferPersonInHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, BlindIndex blindIndex, IClock clock)
    : IRequestHandler<TransferPersonIn, TransferredIn>
{
    public async Task<TransferredIn> Handle(TransferPersonIn request, CancellationToken cancellationToken)
    {
        await PersonWrites.EnsureOrganizationWritableAsync(db, context, request.OrganizationId, cancellationToken);
        var dates = request.PartyDates ?? PartyDates.None;
        var errors = new ValidationErrors();
        NewPersonRules.CheckDates(request.Basics, request.PartyStatus!, dates, clock.Today, await RuleBook.LoadAsync(db, cancellationToken), errors);
        errors.ThrowIfAny();
        var on = request.EffectiveOn!.Value;
        var idNumber = IdNumber.Normalize(request.Basics.IdNumber!);
        var earlier = await db.QuerySingleOrDefaultAsync<Earlier>(
            "select id, relation from personnel.person where id_number_index = @index for update",
            new { index = blindIndex.Compute(IdNumber.IndexPurpose, idNumber) }, cancellationToken);
        if (earlier is not null && earlier.Relation != Relation.TransferredOut)
            new ValidationErrors().Add("idNumber", "person.id_number_taken").ThrowIfAny();

        Guid id;
        long version;
        if (earlier is null)
        {
            id = await PersonWrites.InsertAsync(db, context, cipher, blindIndex, clock.Today,
                new NewPerson(request.OrganizationId, request.Basics, request.PartyStatus!, dates), cancellationToken);
            version = await RelationWrites.SetAsync(db, id, request.OrganizationId, Relation.Active, on, cancellationToken);
        }
        else
        {
            id = earlier.Id;
            // The letter states the member's standing now (e.g. converted while away): it replaces what was kept.
            await db.ExecuteAsync("""
                update personnel.person set party_status = @PartyStatus, joined_on = @JoinedOn, converted_on = @ConvertedOn,
                    probation_extended_months = @ProbationExtendedMonths
                where id = @id
                """, new { id, request.PartyStatus, dates.JoinedOn, dates.ConvertedOn, dates.ProbationExtendedMonths }, cancellationToken);
            version = await RelationWrites.SetAsync(db, id, request.OrganizationId, Relation.Active, on, cancellationToken);
        }
        await PersonWrites.RecordChangeAsync(db, context, id, "transferred_in", on, request.Reason, null,
            new { relation = Relation.Active, request.OrganizationId, request.LetterNumber, request.Origin, request.DuesPaidUpTo }, cancellationToken);
        await db.PublishAsync(new PersonTransferredIn(id, request.OrganizationId, on, request.LetterNumber!.Trim(), request.Origin!.Trim(),
            request.DuesPaidUpTo, earlier is not null), cancellationToken);
        return new TransferredIn(id, earlier is not null, version);
    }

    private sealed record Earlier(Guid Id, string Relation);
}

internal static class TransferPersonInEndpoint
{
    public static void MapTransferPersonIn(this IEndpointRouteBuilder api) =>
        api.MapPost("/people/transfer-in", async (TransferPersonIn command, IMediator mediator, CancellationToken ct) =>
            {
                var received = await mediator.Send(command, ct);
                return Results.Created($"/api/personnel/people/{received.Id}", received);
            })
            .WithName("TransferPersonIn").WithSummary("组织关系转入（介绍信编号、来源、党费交至年月；曾转出者按身份证号恢复原记录）")
            .RequirePermission(PersonnelPermissions.Write);
}
