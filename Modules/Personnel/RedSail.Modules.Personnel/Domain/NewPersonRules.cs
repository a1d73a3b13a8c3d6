namespace RedSail.Modules.Personnel.Domain;

/// <summary>Everything a new person's record must satisfy: the basic set, a known party status and its dates (recording, transfer in, import).</summary>
internal static class NewPersonRules
{
    /// <summary>Formats and code tables of the basic set, and a known party status: checked before any data is read.</summary>
    public static void CheckBasics(PersonBasics basics, string? partyStatus, DateOnly today, ValidationErrors errors)
    {
        PersonBasicsRules.Check(basics, today, errors);
        if (string.IsNullOrWhiteSpace(partyStatus)) errors.Add("partyStatus", "validation.required");
        else if (!PartyStatus.All.Contains(partyStatus)) errors.Add("partyStatus", "person.code_unknown", partyStatus);
    }

    /// <summary>The party dates the status needs, their order, and the rule set's numbers (age at application, probation), all at once.</summary>
    public static void CheckDates(PersonBasics basics, string partyStatus, PartyDates? dates, DateOnly today, RuleSets rules, ValidationErrors errors)
    {
        PartyDatesRules.CheckShape(partyStatus, dates ?? PartyDates.None, today, errors);
        PartyDatesRules.CheckRules(dates ?? PartyDates.None, basics.BirthDate, rules, errors);
    }
}
