using OtpNet;

namespace RedSail.Testing;

/// <summary>An account made for a test, with what is needed to sign in as it.</summary>
public sealed record TestUser(Guid Id, string UserName, string Password, string? TotpSecret)
{
    private long _lastStep;

    /// <summary>
    /// A valid TOTP code the server has not seen yet: the server refuses a replayed time step, so a second
    /// sign-in within 30 seconds uses the next step (the server accepts one step of drift).
    /// </summary>
    public string NextTotpCode()
    {
        var totp = new Totp(Base32Encoding.ToBytes(TotpSecret ?? throw new InvalidOperationException($"{UserName} has no TOTP secret.")));
        var step = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30, _lastStep + 1);
        _lastStep = step;
        return totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
    }
}
