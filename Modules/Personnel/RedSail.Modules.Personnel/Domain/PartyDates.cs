namespace RedSail.Modules.Personnel.Domain;

/// <summary>The dates of a person's way into the party (2014 细则): application, activist, candidate, admission, conversion.</summary>
internal sealed record PartyDates(DateOnly? AppliedOn, DateOnly? ActivistOn, DateOnly? CandidateOn, DateOnly? JoinedOn, DateOnly? ConvertedOn,
    int ProbationExtendedMonths = 0)
{
    public static readonly PartyDates None = new(null, null, null, null, null);
}

internal static class PartyDatesRules
{
    /// <summary>Probation lasts the rule set's months (one year) from the 支部大会 vote, plus any extension (½–1 year, once).</summary>
    public static DateOnly EarliestConversion(DateOnly joinedOn, int extendedMonths, PersonnelRules rules) =>
        joinedOn.AddMonths(rules.ProbationMonths + extendedMonths);

    /// <summary>The date a person entered the given status, from their party dates, if recorded.</summary>
    public static DateOnly? DateOfStatus(string status, PartyDates d) => status switch
    {
        PartyStatus.Applicant => d.AppliedOn,
        PartyStatus.Activist => d.ActivistOn,
        PartyStatus.Candidate => d.CandidateOn,
        PartyStatus.Probationary => d.JoinedOn,
        PartyStatus.FullMember => d.ConvertedOn,
        _ => null,
    };

    /// <summary>Which dates the status needs and their order: what holds under every version of the rules.</summary>
    public static void CheckShape(string status, PartyDates d, DateOnly today, ValidationErrors errors)
    {
        var required = status switch
        {
            PartyStatus.Applicant => ["appliedOn"],
            PartyStatus.Activist => ["appliedOn", "activistOn"],
            PartyStatus.Candidate => ["appliedOn", "activistOn", "candidateOn"],
            PartyStatus.Probationary => ["joinedOn"],
            PartyStatus.FullMember or PartyStatus.Suspended => ["joinedOn", "convertedOn"],
            _ => Array.Empty<string>(),
        };
        var dates = new (string Field, DateOnly? Value)[]
        {
            ("appliedOn", d.AppliedOn), ("activistOn", d.ActivistOn), ("candidateOn", d.CandidateOn), ("joinedOn", d.JoinedOn), ("convertedOn", d.ConvertedOn),
        };
        foreach (var (field, value) in dates)
        {
            if (value is null && required.Contains(field)) errors.Add(field, "validation.required");
            if (value > today) errors.Add(field, "person.date_in_future");
        }
        // Each step on or after the one before it (those given).
        DateOnly? previous = null;
        foreach (var (field, value) in dates)
        {
            if (value is null) continue;
            if (previous is { } p && value < p) errors.Add(field, "person.date_order");
            previous = value;
        }
    }

    /// <summary>
    /// The numbers of the rule set: the minimum age at application, the extension's range and the probation period,
    /// each under the version in force on the day it concerns (the application, the admission).
    /// </summary>
    public static void CheckRules(PartyDates d, DateOnly? birthDate, RuleSets rules, ValidationErrors errors)
    {
        if (birthDate is { } birth)
        {
            if (d.AppliedOn is { } applied && applied < birth.AddYears(rules.At(applied).MinApplicationAge))
                errors.Add("appliedOn", "person.too_young_to_apply", rules.At(applied).MinApplicationAge);
            if (d.JoinedOn is { } joined && joined < birth.AddYears(rules.At(joined).MinApplicationAge))
                errors.Add("joinedOn", "person.too_young_to_apply", rules.At(joined).MinApplicationAge);
        }
        var atAdmission = rules.At(d.JoinedOn ?? d.ConvertedOn ?? DateOnly.MaxValue);
        if (d.ProbationExtendedMonths != 0 && (d.ProbationExtendedMonths < atAdmission.ProbationExtensionMinMonths
                || d.ProbationExtendedMonths > atAdmission.ProbationExtensionMaxMonths))
            errors.Add("probationExtendedMonths", "person.extension_range", atAdmission.ProbationExtensionMinMonths, atAdmission.ProbationExtensionMaxMonths);
        if (d.JoinedOn is { } admitted && d.ConvertedOn is { } converted
            && EarliestConversion(admitted, d.ProbationExtendedMonths, atAdmission) is var earliest && converted < earliest)
            errors.Add("convertedOn", "person.probation_not_over", earliest.ToString("yyyy-MM-dd"));
    }
}
