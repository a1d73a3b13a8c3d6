namespace RedSail.Modules.Honors.Domain;

/// <summary>
/// The bodies a person may serve in and their levels: 党代表 (national, provincial, municipal, county), 人大代表 (the five
/// levels, down to the township) and 政协委员 (national to county). Labels: honors.representative.kind.&lt;code&gt; and
/// honors.representative.level.&lt;code&gt;.
/// </summary>
internal static class RepresentativeKinds
{
    public const string PartyCongress = "party_congress";
    public const string PeoplesCongress = "peoples_congress";
    public const string Cppcc = "cppcc";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> LevelsOf = new Dictionary<string, IReadOnlyList<string>>
    {
        [PartyCongress] = ["national", "provincial", "municipal", "county"],
        [PeoplesCongress] = ["national", "provincial", "municipal", "county", "township"],
        [Cppcc] = ["national", "provincial", "municipal", "county"],
    };

    public static bool IsValid(string? kind, string? level) =>
        kind is not null && level is not null && LevelsOf.TryGetValue(kind, out var levels) && levels.Contains(level);

    /// <summary>The reminder window for terms that end soon, in days, when the caller names none.</summary>
    public const int DefaultReminderDays = 90;

}
