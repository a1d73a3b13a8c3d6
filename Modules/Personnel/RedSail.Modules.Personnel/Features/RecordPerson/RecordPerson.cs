using Npgsql;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;

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
        NewPersonRules.Check(request.Basics, request.PartyStatus, request.PartyDates, clock.Today, errors);
    }
}

internal sealed class RecordPersonHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, BlindIndex blindIndex, IClock clock)
    : IRequestHandler<RecordPerson, RecordedPerson>
{
    public async Task<RecordedPerson> Handle(RecordPerson request, CancellationToken cancellationToken)
    {
        await PersonWrites.EnsureOrganizationWritableAsync(db, context, request.OrganizationId, cancellationToken);
        var b = request.Basics;
        var d = request.PartyDates ?? PartyDates.None;
        var idNumber = IdNumber.Normalize(b.IdNumber!);
        var id = Guid.CreateVersion7();
        var today = clock.Today;
        try
        {
            await db.ExecuteAsync("""
                insert into personnel.person (id, organization_id, name, gender, birth_date, ethnicity, education, id_number_cipher,
                    id_number_index, phone_cipher, native_place, department, employee_number, party_status, applied_on, activist_on,
                    candidate_on, joined_on, converted_on, probation_extended_months, status_since)
                values (@id, @OrganizationId, @Name, @Gender, @BirthDate, @Ethnicity, @Education, @idCipher, @idIndex, @phoneCipher,
                    @NativePlace, @Department, @EmployeeNumber, @PartyStatus, @AppliedOn, @ActivistOn, @CandidateOn, @JoinedOn,
                    @ConvertedOn, @ProbationExtendedMonths, @statusSince)
                """, new
                {
                    id, request.OrganizationId, Name = b.Name!.Trim(), b.Gender, b.BirthDate, b.Ethnicity, Education = PersonWrites.Blank(b.Education),
                    idCipher = cipher.Encrypt(idNumber), idIndex = blindIndex.Compute(IdNumber.IndexPurpose, idNumber),
                    phoneCipher = PersonWrites.Blank(b.Phone) is { } phone ? cipher.Encrypt(phone) : null,
                    NativePlace = PersonWrites.Blank(b.NativePlace), Department = PersonWrites.Blank(b.Department), EmployeeNumber = PersonWrites.Blank(b.EmployeeNumber),
                    request.PartyStatus, d.AppliedOn, d.ActivistOn, d.CandidateOn, d.JoinedOn, d.ConvertedOn, d.ProbationExtendedMonths,
                    statusSince = PartyDatesRules.DateOfStatus(request.PartyStatus!, d) ?? today,
                }, cancellationToken);
        }
        catch (PostgresException e)
        {
            PersonWrites.ThrowIfDuplicate(e);
            throw;
        }
        await PersonWrites.RecordChangeAsync(db, context, id, "recorded", today, null, null,
            new { b.Name, request.OrganizationId, request.PartyStatus }, cancellationToken);
        await db.PublishAsync(new PersonRecorded(id, request.OrganizationId, b.Name!.Trim(), b.Gender!, b.BirthDate!.Value, b.Ethnicity!,
            PersonWrites.Blank(b.Education), request.PartyStatus!, d.JoinedOn, d.ConvertedOn), cancellationToken);
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
