using System.Threading.RateLimiting;
using RedSail.BuildingBlocks.Access;
using RedSail.Platform;

namespace RedSail.Host.Startup;

/// <summary>
/// Per OA client for module API calls, per source address for sign-in and token requests (on top of the
/// per-account lockout); people using the UI are not limited.
/// </summary>
internal static class RateLimits
{
    public static PartitionedRateLimiter<HttpContext> Create(SecurityOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var path = http.Request.Path;
            if (path.StartsWithSegments("/api/platform/auth/login") || path.StartsWithSegments("/api/platform/auth/totp")
                || path.StartsWithSegments("/api/platform/oa/token"))
                return Window("sign-in:" + http.Connection.RemoteIpAddress, options.SignInAttemptsPerMinutePerAddress);
            var client = http.RequestServices.GetService<RequestContext>()?.Principal.ClientId;
            return client is not null ? Window("oa:" + client, options.OaRequestsPerMinute) : RateLimitPartition.GetNoLimiter("ui");
        });

    private static RateLimitPartition<string> Window(string key, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });
}
