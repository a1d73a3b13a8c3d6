using NUnit.Framework;
using OtpNet;
using RedSail.Platform.Accounts;

namespace RedSail.UnitTests;

public sealed class TotpTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 8, 0, 10, DateTimeKind.Utc);

    [Test]
    public void The_current_code_matches_and_yields_its_time_step()
    {
        var secret = TotpCodes.NewSecret();
        var code = new Totp(secret).ComputeTotp(Now);
        Assert.That(TotpCodes.Match(secret, code, null, Now), Is.EqualTo(new DateTimeOffset(Now).ToUnixTimeSeconds() / 30));
    }

    [Test]
    public void A_code_from_an_already_used_step_is_a_replay()
    {
        var secret = TotpCodes.NewSecret();
        var code = new Totp(secret).ComputeTotp(Now);
        var step = TotpCodes.Match(secret, code, null, Now)!.Value;
        Assert.That(TotpCodes.Match(secret, code, step, Now), Is.Null);
    }

    [Test]
    public void A_code_two_steps_old_is_refused()
    {
        var secret = TotpCodes.NewSecret();
        var code = new Totp(secret).ComputeTotp(Now.AddSeconds(-65));
        Assert.That(TotpCodes.Match(secret, code, null, Now), Is.Null);
    }

    [TestCase("12345")]
    [TestCase("12a456")]
    [TestCase("")]
    public void Malformed_codes_never_match(string code) => Assert.That(TotpCodes.Match(TotpCodes.NewSecret(), code, null, Now), Is.Null);

    [Test]
    public void The_enrolment_uri_carries_issuer_and_secret()
    {
        var secret = TotpCodes.NewSecret();
        Assert.That(TotpCodes.Uri(secret, "admin"), Is.EqualTo($"otpauth://totp/RedSail:admin?secret={TotpCodes.Encode(secret)}&issuer=RedSail&digits=6&period=30"));
    }
}
