using Npgsql;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.UpdatePerson;

/// <summary>
/// Edits a person's basic information against the version the editor read: a stale version is a 409 with the
/// current one, so two editors never overwrite each other unseen. The timeline keeps the before and after.
/// </summary>
internal sealed record UpdatePerson(Guid PersonId, long Version, PersonBasics Basics) : ICommand<UpdatedPerson>
{
    public string AuditAction => "personnel.people.update";
    public AuditTarget AuditTarget => new("person", PersonId.ToString());
}

internal sealed record UpdatePersonBody(long Version, PersonBasics Basics);

internal sealed record UpdatedPerson(Guid Id, long Version);

internal sealed class UpdatePersonValidator(IClock clock) : IValidator<UpdatePerson>
{
    // An omitted ID number is checked against the stored one in the handler; a given one is checked here.
    public void Validate(UpdatePerson request, ValidationErrors errors) =>
        PersonBasicsRules.Check(request.Basics, clock.Today, errors, storedIdNumber: PersonBasicsRules.Unchanged);
}

internal sealed class UpdatePersonHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, BlindIndex blindIndex, IClock clock)
    : IRequestHandler<UpdatePerson, UpdatedPerson>
{
    public async Task<UpdatedPerson> Handle(UpdatePerson request, CancellationToken cancellationToken)
    {
        var current = await PersonWrites.LockForUpdateAsync(db, context, request.PersonId, request.Version, cancellationToken);
        var b = request.Basics;
        var storedIdNumber = cipher.Decrypt(current.IdNumberCipher);
        if (string.IsNullOrWhiteSpace(b.IdNumber))
        {
            // Unchanged ID number: it must still agree with the (possibly edited) birth date and gender.
            var errors = new ValidationErrors();
            PersonBasicsRules.Check(b, clock.Today, errors, storedIdNumber);
            errors.ThrowIfAny();
        }
        var idNumber = string.IsNullOrWhiteSpace(b.IdNumber) ? storedIdNumber : IdNumber.Normalize(b.IdNumber);
        var idChanged = storedIdNumber != idNumber;
        var storedPhone = current.PhoneCipher is null ? null : cipher.Decrypt(current.PhoneCipher);
        // null: unchanged; "" (blank): removed.
        var phone = b.Phone is null ? storedPhone : PersonWrites.Blank(b.Phone);
        var phoneChanged = storedPhone != phone;
        long version;
        try
        {
            version = await db.QuerySingleAsync<long>("""
                update personnel.person
                set name = @Name, gender = @Gender, birth_date = @BirthDate, ethnicity = @Ethnicity, education = @Education,
                    id_number_cipher = case when @idChanged then @idCipher else id_number_cipher end,
                    id_number_index = @idIndex,
                    phone_cipher = case when @phoneChanged then @phoneCipher else phone_cipher end,
                    native_place = @NativePlace, department = @Department, employee_number = @EmployeeNumber,
                    version = version + 1, updated_at = now()
                where id = @PersonId
                returning version
                """, new
                {
                    request.PersonId, Name = b.Name!.Trim(), b.Gender, b.BirthDate, b.Ethnicity, Education = PersonWrites.Blank(b.Education),
                    idChanged, idCipher = cipher.Encrypt(idNumber), idIndex = blindIndex.Compute(IdNumber.IndexPurpose, idNumber),
                    phoneChanged, phoneCipher = phone is null ? null : cipher.Encrypt(phone),
                    NativePlace = PersonWrites.Blank(b.NativePlace), Department = PersonWrites.Blank(b.Department), EmployeeNumber = PersonWrites.Blank(b.EmployeeNumber),
                }, cancellationToken);
        }
        catch (PostgresException e)
        {
            PersonWrites.ThrowIfDuplicate(e);
            throw;
        }
        await PersonWrites.RecordChangeAsync(db, context, request.PersonId, "basics_updated", clock.Today, null,
            Visible(current.Name, current.Gender, current.BirthDate, current.Ethnicity, current.Education, current.NativePlace, current.Department, current.EmployeeNumber),
            new
            {
                basics = Visible(b.Name!.Trim(), b.Gender!, b.BirthDate!.Value, b.Ethnicity!, PersonWrites.Blank(b.Education), PersonWrites.Blank(b.NativePlace), PersonWrites.Blank(b.Department), PersonWrites.Blank(b.EmployeeNumber)),
                idNumberChanged = idChanged, phoneChanged,
            }, cancellationToken);
        await db.PublishAsync(new PersonUpdated(request.PersonId, current.OrganizationId, b.Name!.Trim(), b.Gender!, b.BirthDate!.Value,
            b.Ethnicity!, PersonWrites.Blank(b.Education), PersonWrites.Blank(b.EmployeeNumber)), cancellationToken);
        return new UpdatedPerson(request.PersonId, version);
    }

    // The timeline's view of the basic set: everything but the encrypted fields.
    private static object Visible(string name, string gender, DateOnly birthDate, string ethnicity, string? education, string? nativePlace,
        string? department, string? employeeNumber) => new { name, gender, birthDate, ethnicity, education, nativePlace, department, employeeNumber };
}

internal static class UpdatePersonEndpoint
{
    public static void MapUpdatePerson(this IEndpointRouteBuilder api) =>
        api.MapPut("/people/{id:guid}", async (Guid id, UpdatePersonBody body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new UpdatePerson(id, body.Version, body.Basics), ct)))
            .WithName("UpdatePerson").WithSummary("修改人员基本信息（乐观并发：版本过期返回 409）")
            .RequirePermission(PersonnelPermissions.Write);
}
