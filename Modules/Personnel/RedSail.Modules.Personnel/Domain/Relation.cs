namespace RedSail.Modules.Personnel.Domain;

/// <summary>
/// A member's organisational relation (组织关系), beside the party status: kept here normally, flowing (流动党员: working
/// elsewhere, still managed here), lost contact (失联), or transferred out (转出: kept for history, no longer managed here).
/// </summary>
internal static class Relation
{
    public const string Active = "active";
    public const string Flowing = "flowing";
    public const string LostContact = "lost_contact";
    public const string TransferredOut = "transferred_out";

    /// <summary>The changes <c>ChangeMemberRelation</c> makes; transfers have their own commands.</summary>
    private static readonly Dictionary<string, string[]> Changes = new()
    {
        [Active] = [Flowing, LostContact],
        [Flowing] = [Active, LostContact],
        [LostContact] = [Active, Flowing],
    };

    public static readonly IReadOnlyList<string> Targets = [Active, Flowing, LostContact];

    public static bool MayChange(string from, string to) => Changes.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>Dues paid up to a month, written yyyy-MM.</summary>
    public static bool IsMonth(string value) =>
        DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);
}
