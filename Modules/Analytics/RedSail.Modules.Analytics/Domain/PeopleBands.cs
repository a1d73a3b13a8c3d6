namespace RedSail.Modules.Analytics.Domain;

/// <summary>
/// The buckets of the people-composition figures (analytics.person_buckets): codes as Personnel's information sets define
/// them (SetCodeTables: occupation, title_level, care_category …), "none" where a member has no current entry.
/// </summary>
internal static class PeopleBands
{
    /// <summary>Young employees (青年职工): aged 35 or less at the month-end (shared/DOMAIN.md §3).</summary>
    public const int YoungAge = 35;

    /// <summary>The national statistics' eight occupations (DOMAIN.md §10), then members without a current post.</summary>
    public static readonly IReadOnlyList<string> Occupations = ["1", "2", "3", "4", "5", "6", "7", "8", "none"];

    /// <summary>专业技术职务等级: 正高级 … 员级, then none.</summary>
    public static readonly IReadOnlyList<string> TitleLevels = ["1", "2", "3", "4", "5", "none"];

    /// <summary>The traits a young employee's entry may have filled in (specialty, skills, hobbies; health and children are sensitive and never travel).</summary>
    public static readonly IReadOnlyList<string> Traits = ["specialty", "skills", "hobbies"];

    public static readonly IReadOnlyList<string> CareStatuses = ["open", "answered", "closed"];

    public static bool IsCareBucket(string bucket) =>
        bucket.Split('|') is var parts && parts.Length <= 2 && parts.All(p => p.Length is > 0 and <= 16 && p.All(c => char.IsAsciiLetterLower(c) || c == '_'));

    public static bool IsMassOrganizationBucket(string bucket) =>
        bucket.Split('|', 2) is var parts && Guid.TryParse(parts[0], out _) && (parts.Length == 1 || parts[1].Length is > 0 and <= 50);

    /// <summary>Completed years at the end of asOf's month of a "YYYY-MM" birth month is at most <see cref="YoungAge"/>.</summary>
    public static bool IsYoung(string birthMonth, DateOnly asOf) => Bands.YearsAt(birthMonth, asOf) is { } years && years <= YoungAge;
}
