using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;
using RedSail.Modules.Personnel.Features.Rules;

namespace RedSail.Modules.Personnel.Features.RecordPerson;

/// <summary>
/// Records a person in an organisation: an existing party member, a probationary member, someone on the way
/// in (applicant, activist, candidate) or a non-member (mass organisations, united front).
/// </summary>
internal sealed record RecordPerson(Guid OrganizationId, PersonBasics Basics, string? PartyStatus, PartyDates? PartyDates)
    : ICommand<RecordedPerson>
{
    public string AuditAction => "personnel.people.record";
    public AuditTarget AuditTarget => new("person", null, OrganizationId.ToString());
}

internal sealed record RecordedPerson(Guid Id, long Version) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("person", Id.ToString());
}

internal sealed class RecordPersonValidator(IClock clock) : IValidator<RecordPerson>
{
    public void Validate(RecordPerson request, ValidationErrors errors)
    {
        NewPersonRules.CheckBasics(request.Basics, request.PartyStatus, clock.Today, errors);
    }
}

internal sealed class RecordPersonHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, BlindIndex blindIndex, IClock clock)
    : IRequestHandler<RecordPerson, RecordedPerson>
{
    public async Task<RecordedPerson> Handle(RecordPerson request, CancellationToken cancellationToken)
    {
        await PersonWrites.EnsureOrganizationWritableAsync(db, context, request.OrganizationId, cancellationToken);
        var ruleErrors = new ValidationErrors();
        NewPersonRules.CheckDates(request.Basics, request.PartyStatus!, request.PartyDates, clock.Today, await RuleBook.LoadAsync(db, cancellationToken),
            ruleErrors);
        ruleErrors.ThrowIfAny();
        var id = await PersonWrites.InsertAsync(db, context, cipher, blindIndex, clock.Today,
            new NewPerson(request.OrganizationId, request.Basics, request.PartyStatus!, request.PartyDates ?? PartyDates.None), cancellationToken);
        return new RecordedPerson(id, 1);
    }
}

internal static class RecordPersonEndpoint
{
    public static void MapRecordPerson(this IEndpointRouteBuilder api) =>
        api.MapPost("/people", async (RecordPerson command, IMediator mediator, CancellationToken ct) =>
            {
                var recorded = await mediator.Send(command, ct);
                return Results.Created($"/api/personnel/people/{recorded.Id}", recorded);
            })
            .WithName("RecordPerson").WithSummary("登记人员（党员、发展对象、群众等），校验身份证号、代码表与入党日期")
            .RequirePermission(PersonnelPermissions.Write);
}
