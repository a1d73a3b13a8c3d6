namespace RedSail.Modules.Personnel.Domain;

/// <summary>
/// The 18-character citizen ID number of GB 11643-1999: 6-digit address code, 8-digit birth date,
/// 3-digit sequence (odd for men, even for women) and a check character over ISO 7064 MOD 11-2.
/// </summary>
internal static class IdNumber
{
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

    /// <summary>The masked form shown without the unmask permission, e.g. 110105********1234.</summary>
    public static string Mask(string idNumber) =>
        idNumber.Length == 18 ? idNumber[..6] + new string('*', 8) + idNumber[14..] : new string('*', idNumber.Length);
}
