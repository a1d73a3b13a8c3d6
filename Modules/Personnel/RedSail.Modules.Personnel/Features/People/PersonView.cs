using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.People;

/// <summary>A person's row as stored: sensitive values still encrypted.</summary>
internal sealed class PersonRow
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public string Name { get; init; } = "";
    public string Gender { get; init; } = "";
    public DateOnly BirthDate { get; init; }
    public string Ethnicity { get; init; } = "";
    public string? Education { get; init; }
    public byte[] IdNumberCipher { get; init; } = [];
    public byte[]? PhoneCipher { get; init; }
    public string? NativePlace { get; init; }
    public string? Department { get; init; }
    public string? EmployeeNumber { get; init; }
    public string PartyStatus { get; init; } = "";
    public DateOnly? AppliedOn { get; init; }
    public DateOnly? ActivistOn { get; init; }
    public DateOnly? CandidateOn { get; init; }
    public DateOnly? JoinedOn { get; init; }
    public DateOnly? ConvertedOn { get; init; }
    public int ProbationExtendedMonths { get; init; }
    public DateOnly? StatusSince { get; init; }
    public string Relation { get; init; } = "active";
    public DateOnly? RelationSince { get; init; }
    public long Version { get; init; }

    public const string Columns = """
        p.id, p.organization_id, o.name as organization_name, p.name, p.gender, p.birth_date, p.ethnicity, p.education,
        p.id_number_cipher, p.phone_cipher, p.native_place, p.department, p.employee_number, p.party_status, p.applied_on,
        p.activist_on, p.candidate_on, p.joined_on, p.converted_on, p.probation_extended_months, p.status_since, p.relation, p.relation_since, p.version
        """;
}

/// <summary>A person as the API shows them: ID number and phone masked unless the caller unmasked them.</summary>
internal sealed record PersonView(Guid Id, Guid OrganizationId, string OrganizationName, string Name, string Gender, DateOnly BirthDate, int Age,
    string Ethnicity, string? Education, string IdNumber, string? Phone, bool Unmasked, string? NativePlace, string? Department,
    string? EmployeeNumber, string PartyStatus, DateOnly? AppliedOn, DateOnly? ActivistOn, DateOnly? CandidateOn, DateOnly? JoinedOn,
    DateOnly? ConvertedOn, int ProbationExtendedMonths, int? PartyAgeYears, string Relation, DateOnly? RelationSince, long Version)
{
    public static PersonView From(PersonRow r, FieldCipher cipher, bool unmask, DateOnly today)
    {
        var idNumber = cipher.Decrypt(r.IdNumberCipher);
        var phone = r.PhoneCipher is null ? null : cipher.Decrypt(r.PhoneCipher);
        return new PersonView(r.Id, r.OrganizationId, r.OrganizationName, r.Name, r.Gender, r.BirthDate, YearsBetween(r.BirthDate, today),
            r.Ethnicity, r.Education, unmask ? idNumber : Domain.IdNumber.Mask(idNumber), phone is null ? null : unmask ? phone : PhoneNumber.Mask(phone),
            unmask, r.NativePlace, r.Department, r.EmployeeNumber, r.PartyStatus, r.AppliedOn, r.ActivistOn, r.CandidateOn, r.JoinedOn,
            r.ConvertedOn, r.ProbationExtendedMonths,
            // 党龄 counts from conversion to full member.
            r.ConvertedOn is { } converted && r.PartyStatus == Domain.PartyStatus.FullMember ? YearsBetween(converted, today) : null,
            r.Relation, r.RelationSince, r.Version);
    }

    public static int YearsBetween(DateOnly from, DateOnly to) =>
        to.Year - from.Year - (to.Month < from.Month || (to.Month == from.Month && to.Day < from.Day) ? 1 : 0);
}
