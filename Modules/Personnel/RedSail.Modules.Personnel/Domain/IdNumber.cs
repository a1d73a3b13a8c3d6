namespace RedSail.Modules.Personnel.Domain;

/// <summary>
/// The 18-character citizen ID number of GB 11643-1999: 6-digit address code, 8-digit birth date,
/// 3-digit sequence (odd for men, even for women) and a check character over ISO 7064 MOD 11-2.
/// </summary>
internal static class IdNumber
{
    /// <summary>The blind-index purpose under which ID numbers are searchable.</summary>
    public const string IndexPurpose = "personnel.id_number";

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    public static string Compose(string addressCode, DateOnly birthDate, int sequence)
    {
        var first17 = $"{addressCode}{birthDate:yyyyMMdd}{sequence:000}";
        return first17 + CheckCharacter(first17);
    }

    /// <summary>What an ID number says about its holder, or null when it is not a valid GB 11643 number.</summary>
    public static (DateOnly BirthDate, string Gender)? Parse(string? idNumber)
    {
        if (idNumber is not { Length: 18 } || idNumber.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9')) return null;
        if (char.ToUpperInvariant(idNumber[17]) != CheckCharacter(idNumber)) return null;
        if (!DateOnly.TryParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", out var birth)) return null;
        return (birth, (idNumber[16] - '0') % 2 == 1 ? "1" : "2");
    }

    /// <summary>The canonical form: trimmed, with an upper-case X.</summary>
    public static string Normalize(string idNumber) => idNumber.Trim().ToUpperInvariant();

    /// <summary>
    /// The masked form shown without the unmask permission: the first three and the last character, e.g. 110**************4.
    /// Not the common "region + last four": every response also carries the birth date (digits 7–14) in clear, and with it
    /// that form leaves only a handful of candidates (the check digit removes most of the rest). Hiding the county and the
    /// sequence too leaves tens of thousands.
    /// </summary>
    public static string Mask(string idNumber) =>
        idNumber.Length == 18 ? idNumber[..3] + new string('*', 14) + idNumber[17..] : new string('*', idNumber.Length);
}
