using OtpNet;

namespace RedSail.Platform.Accounts;

/// <summary>RFC 6238 time-based codes (6 digits, 30 s), accepting one step of clock drift either way.</summary>
internal static class TotpCodes
{
    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(20);

    public static string Encode(byte[] secret) => Base32Encoding.ToString(secret);

    public static string Uri(byte[] secret, string userName) =>
        $"otpauth://totp/RedSail:{System.Uri.EscapeDataString(userName)}?secret={Encode(secret)}&issuer=RedSail&digits=6&period=30";

    /// <summary>The time step the code matches, or null. A step at or before <paramref name="lastUsedStep"/> is a replay.</summary>
    public static long? Match(byte[] secret, string code, long? lastUsedStep, DateTime utcNow)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return null;
        var totp = new Totp(secret);
        if (!totp.VerifyTotp(utcNow, code, out var step, new VerificationWindow(previous: 1, future: 1))) return null;
        return lastUsedStep is { } last && step <= last ? null : step;
    }
}
