using System.Net;
using NUnit.Framework;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>Sign-in attempts are throttled per source address on top of the per-account lockout.</summary>
public sealed class RateLimitTests
{
    [Test]
    public async Task Too_many_sign_in_attempts_from_one_address_get_429()
    {
        await using var host = await TestHost.StartFreshAsync(new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinutePerAddress"] = "6" });
        using var client = host.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            statuses.Add((await client.PostAsync("/api/platform/auth/login", new { userName = $"user-{i}", password = "Wrong-password-1" })).StatusCode);

        Assert.That(statuses.Take(6), Has.All.EqualTo(HttpStatusCode.Unauthorized));
        await Problems.ExpectAsync(await client.PostAsync("/api/platform/auth/login", new { userName = "user-x", password = "Wrong-password-1" }),
            HttpStatusCode.TooManyRequests, "rate_limited");
    }
}
