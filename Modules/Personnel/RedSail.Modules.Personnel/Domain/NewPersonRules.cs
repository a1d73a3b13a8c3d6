namespace RedSail.Modules.Personnel.Domain;

/// <summary>Everything a new person's record must satisfy: the basic set, a known party status and its dates (recording and import).</summary>
internal static class NewPersonRules
{
    public static void Check(PersonBasics basics, string? partyStatus, PartyDates? dates, DateOnly today, ValidationErrors errors)
    {
        PersonBasicsRules.Check(basics, today, errors);
        if (string.IsNullOrWhiteSpace(partyStatus)) errors.Add("partyStatus", "validation.required");
        else if (!PartyStatus.All.Contains(partyStatus)) errors.Add("partyStatus", "person.code_unknown", partyStatus);
        else PartyDatesRules.Check(partyStatus, dates ?? PartyDates.None, basics.BirthDate, today, errors);
    }
}
