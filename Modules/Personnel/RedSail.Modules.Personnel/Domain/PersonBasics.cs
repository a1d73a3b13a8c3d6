namespace RedSail.Modules.Personnel.Domain;

/// <summary>The basic information set (基本信息) as the client sends it, for recording and for editing a person.</summary>
internal sealed record PersonBasics(
    string? Name, string? Gender, string? Ethnicity, DateOnly? BirthDate, string? IdNumber, string? NativePlace,
    string? Phone, string? EmployeeNumber, string? Department, string? Education);

/// <summary>The rules of shared/DOMAIN.md §3 on the basic set; each failure is a field error, nothing is saved.</summary>
internal static class PersonBasicsRules
{
    /// <summary>Stands for "the stored ID number, not known yet" when validating an edit without the database.</summary>
    public const string Unchanged = "(unchanged)";

    /// <param name="storedIdNumber">
    /// When editing, an omitted ID number (or phone) means "unchanged", since someone without the unmask permission
    /// never sees them. The validator passes <see cref="Unchanged"/> and skips the ID checks; the handler passes the
    /// number on record, which must still agree with the birth date and gender.
    /// </param>
    public static void Check(PersonBasics? b, DateOnly today, ValidationErrors errors, string? storedIdNumber = null)
    {
        // A body without the basic set binds it as null whatever the record says (found by the bad-input corpus: it was a 500).
        if (b is null)
        {
            errors.Add("basics", "validation.required");
            return;
        }
        errors.RequiredMax("name", b.Name, 50).MaxLength("nativePlace", b.NativePlace, 100).MaxLength("department", b.Department, 100);
        // Format characters too (RTL override, zero-width space, BOM, soft hyphen): invisible, they make one name look like another.
        if (b.Name is { Length: > 0 } name && name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
            errors.Add("name", "validation.invalid");
        Code("gender", b.Gender, CodeTables.Gender, required: true, errors);
        Code("ethnicity", b.Ethnicity, CodeTables.Ethnicity, required: true, errors);
        Code("education", b.Education, CodeTables.Education, required: false, errors);
        if (b.EmployeeNumber is { Length: > 0 } employee && (employee.Length > 32 || !employee.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            errors.Add("employeeNumber", "person.employee_number_format");
        if (b.Phone is { Length: > 0 } phone && !PhoneNumber.IsValid(phone.Trim())) errors.Add("phone", "person.phone_format");

        if (b.BirthDate is not { } birth) errors.Add("birthDate", "validation.required");
        else if (birth > today || birth < today.AddYears(-120)) errors.Add("birthDate", "person.birth_date_range");

        var idNumber = string.IsNullOrWhiteSpace(b.IdNumber) ? storedIdNumber : b.IdNumber;
        if (idNumber == Unchanged) return;
        if (string.IsNullOrWhiteSpace(idNumber)) { errors.Add("idNumber", "validation.required"); return; }
        if (IdNumber.Parse(IdNumber.Normalize(idNumber)) is not { } parsed) { errors.Add("idNumber", "person.id_number_invalid"); return; }
        if (b.BirthDate is { } stated && parsed.BirthDate != stated) errors.Add("idNumber", "person.id_number_birth_mismatch", parsed.BirthDate.ToString("yyyy-MM-dd"));
        if (b.Gender is "1" or "2" && parsed.Gender != b.Gender) errors.Add("idNumber", "person.id_number_gender_mismatch");
    }

    private static void Code(string field, string? value, IReadOnlyDictionary<string, string> table, bool required, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) errors.Add(field, "validation.required"); }
        else if (!table.ContainsKey(value)) errors.Add(field, "person.code_unknown", value);
    }
}
