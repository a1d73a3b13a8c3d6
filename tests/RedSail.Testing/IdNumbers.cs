namespace RedSail.Testing;

/// <summary>An independent GB 11643 oracle for the tests: valid ID numbers for a birth date and gender.</summary>
public static class IdNumbers
{
    private static int _sequence = 100;

    public static string Valid(DateOnly birth, bool male, string region = "110105") =>
        Compose(region, birth, Interlocked.Increment(ref _sequence) % 500 * 2 + (male ? 1 : 0));

    /// <summary>
    /// The valid number for exactly this region, birth date and sequence (odd for men): the 17 digits, then the
    /// check character R = Σ digit × weight mod 11 → "10X98765432"[R].
    /// </summary>
    public static string Compose(string region, DateOnly birth, int sequence)
    {
        var first17 = $"{region}{birth:yyyyMMdd}{sequence:000}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>The same number with another check character: fails the checksum.</summary>
    public static string WithWrongCheck(string idNumber) => idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');
}
