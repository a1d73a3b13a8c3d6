namespace RedSail.Modules.Honors.Domain;

/// <summary>
/// The level of the body conferring an honour, highest first: 国家级, 省部级, 局级 (the institute's superior), 院级 (the
/// institute itself). Labels: honors.level.&lt;code&gt;.
/// </summary>
internal static class HonourLevels
{
    public const string National = "national";
    public const string MinisterialProvincial = "ministerial_provincial";
    public const string Bureau = "bureau";
    public const string Institute = "institute";

    /// <summary>Highest first: the index is the rank (0 highest).</summary>
    public static readonly IReadOnlyList<string> All = [National, MinisterialProvincial, Bureau, Institute];

    public static bool IsKnown(string? level) => level is not null && All.Contains(level);

    /// <summary>Whether <paramref name="level"/> is <paramref name="minimum"/> or higher (unknown levels are not).</summary>
    public static bool AtLeast(string level, string minimum)
    {
        var rank = IndexOf(level);
        return rank >= 0 && rank <= IndexOf(minimum);
    }

    /// <summary>The levels at <paramref name="minimum"/> or higher, for SQL (<c>level = any(@levels)</c>).</summary>
    public static string[] AtLeast(string minimum) => All.Take(IndexOf(minimum) + 1).ToArray();

    private static int IndexOf(string level)
    {
        for (var i = 0; i < All.Count; i++)
            if (All[i] == level) return i;
        return -1;
    }
}
