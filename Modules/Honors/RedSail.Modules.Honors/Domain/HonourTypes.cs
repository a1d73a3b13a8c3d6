namespace RedSail.Modules.Honors.Domain;

/// <summary>Who holds an honour of a type: a person, an organisation, or either (a 荣誉称号 may go to both).</summary>
internal enum Holder { Person, Organization, Either }

/// <summary>A type of honour: its code, its category (勋章, 荣誉称号, 表彰, 纪念章) and who may hold it. Labels: honors.type.&lt;code&gt;.</summary>
internal sealed record HonourType(string Code, string Category, Holder Holder);

/// <summary>The types of honour the library records (DOMAIN.md §8).</summary>
internal static class HonourTypes
{
    public const string JulyFirstMedal = "july_first_medal";
    public const string HonoraryTitle = "honorary_title";
    public const string OutstandingMember = "outstanding_member";
    public const string OutstandingPartyWorker = "outstanding_party_worker";
    public const string AdvancedOrganization = "advanced_organization";
    public const string OtherCommendation = "other_commendation";
    /// <summary>光荣在党50年纪念章: a member whose party age reached 50 years (<see cref="PartyAge"/>).</summary>
    public const string FiftyYearsInParty = "fifty_years_in_party";

    public static readonly IReadOnlyList<HonourType> All =
    [
        new(JulyFirstMedal, "medal", Holder.Person),
        new(HonoraryTitle, "title", Holder.Either),
        new(OutstandingMember, "commendation", Holder.Person),
        new(OutstandingPartyWorker, "commendation", Holder.Person),
        new(AdvancedOrganization, "commendation", Holder.Organization),
        new(OtherCommendation, "commendation", Holder.Either),
        new(FiftyYearsInParty, "commemorative", Holder.Person),
    ];

    private static readonly Dictionary<string, HonourType> ByCode = All.ToDictionary(t => t.Code);

    public static HonourType? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code);

    /// <summary>Whether an honour of this type may be held by a person (true) or by an organisation (false).</summary>
    public static bool Allows(HonourType type, bool person) =>
        type.Holder == Holder.Either || (type.Holder == Holder.Person) == person;
}
