using System.Text.Json;
using Npgsql;
using RedSail.Modules.Personnel.Access;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.People;

/// <summary>What the people slices that write share: scope checks, the change timeline, unique-value errors.</summary>
internal static class PersonWrites
{
    /// <summary>The organisation, if active and inside the caller's write scope; otherwise 404 (existence does not leak).</summary>
    public static async Task EnsureOrganizationWritableAsync(PersonnelDb db, RequestContext context, Guid organizationId, CancellationToken ct)
    {
        // FOR SHARE: a dissolve or merge of this organisation (FOR UPDATE) waits until the person is in, and then sees them.
        var visible = await db.QuerySingleOrDefaultAsync<Guid?>($"""
            select o.id from personnel.organization o
            where o.id = @organizationId and o.status = 'active' and {PersonnelScope.Within("o")}
            for share of o
            """, PersonnelScope.Parameters(context.Principal.ScopeFor(PersonnelPermissions.Write), new { organizationId }), ct);
        if (visible is null) throw new NotFoundException("organization", organizationId.ToString());
    }

    /// <summary>The person row locked for update, if inside the caller's write scope; otherwise 404. A version other than the expected
    /// one is a 409 (none expected: a system change that applies to whatever version is current).</summary>
    public static async Task<PersonRow> LockForUpdateAsync(PersonnelDb db, RequestContext context, Guid personId, long? expectedVersion, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<PersonRow>($"""
            select {PersonRow.Columns} from personnel.person p join personnel.organization o on o.id = p.organization_id
            where p.id = @personId and {PersonnelScope.Within("o")}
            for update of p
            """, PersonnelScope.Parameters(context.Principal.ScopeFor(PersonnelPermissions.Write), new { personId }), ct)
            ?? throw new NotFoundException("person", personId.ToString());
        if (expectedVersion is { } expected && row.Version != expected) throw new ConcurrencyException(row.Version);
        return row;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One line of the person's timeline. Sensitive values never go in: only that they changed.</summary>
    public static Task RecordChangeAsync(PersonnelDb db, RequestContext context, Guid personId, string change, DateOnly effectiveOn,
        string? reason, object? before, object after, CancellationToken ct) =>
        db.ExecuteAsync("""
            insert into personnel.person_change (person_id, change, effective_on, reason, before, after, recorded_by)
            values (@personId, @change, @effectiveOn, @reason, @before::jsonb, @after::jsonb, @recordedBy)
            """, new
            {
                personId, change, effectiveOn, reason,
                before = before is null ? null : JsonSerializer.Serialize(before, Json),
                after = JsonSerializer.Serialize(after, Json),
                recordedBy = context.Principal.UserId,
            }, ct);

    /// <summary>
    /// Inserts a checked person (recording, transfer in): encrypted ID number and phone with the blind index, the first
    /// line of the timeline, and <see cref="PersonRecorded"/>. A taken ID or employee number becomes its field error.
    /// </summary>
    public static async Task<Guid> InsertAsync(PersonnelDb db, RequestContext context, FieldCipher cipher, BlindIndex blindIndex, DateOnly today,
        NewPerson person, CancellationToken ct)
    {
        var (b, d) = (person.Basics, person.Dates);
        var idNumber = IdNumber.Normalize(b.IdNumber!);
        var id = Guid.CreateVersion7();
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
                    id, person.OrganizationId, Name = b.Name!.Trim(), b.Gender, b.BirthDate, b.Ethnicity, Education = Blank(b.Education),
                    idCipher = cipher.Encrypt(idNumber), idIndex = blindIndex.Compute(IdNumber.IndexPurpose, idNumber),
                    phoneCipher = Blank(b.Phone) is { } phone ? cipher.Encrypt(phone) : null,
                    NativePlace = Blank(b.NativePlace), Department = Blank(b.Department), EmployeeNumber = Blank(b.EmployeeNumber),
                    person.PartyStatus, d.AppliedOn, d.ActivistOn, d.CandidateOn, d.JoinedOn, d.ConvertedOn, d.ProbationExtendedMonths,
                    statusSince = PartyDatesRules.DateOfStatus(person.PartyStatus, d) ?? today,
                }, ct);
        }
        catch (PostgresException e)
        {
            ThrowIfDuplicate(e);
            throw;
        }
        await RecordChangeAsync(db, context, id, "recorded", today, null, null, new { b.Name, person.OrganizationId, person.PartyStatus }, ct);
        await db.PublishAsync(new PersonRecorded(id, person.OrganizationId, b.Name!.Trim(), b.Gender!, b.BirthDate!.Value, b.Ethnicity!,
            Blank(b.Education), person.PartyStatus, d.JoinedOn, d.ConvertedOn, Blank(b.EmployeeNumber)), ct);
        return id;
    }

    /// <summary>Optional text as stored: trimmed, and null when blank.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Turns a unique-constraint violation into the field error the user can act on.</summary>
    public static void ThrowIfDuplicate(PostgresException e)
    {
        if (e.SqlState != PostgresErrorCodes.UniqueViolation) return;
        var errors = new ValidationErrors();
        if (e.ConstraintName?.Contains("id_number") == true) errors.Add("idNumber", "person.id_number_taken");
        else if (e.ConstraintName?.Contains("employee_number") == true) errors.Add("employeeNumber", "person.employee_number_taken");
        errors.ThrowIfAny();
    }
}

/// <summary>A person to insert, already checked.</summary>
internal sealed record NewPerson(Guid OrganizationId, PersonBasics Basics, string PartyStatus, PartyDates Dates);
