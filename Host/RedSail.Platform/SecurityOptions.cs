namespace RedSail.Platform;

/// <summary>The numbers of SECURITY.md, configurable under <c>Security</c>; the defaults are what assessors expect.</summary>
public sealed class SecurityOptions
{
    public int PasswordMinLength { get; init; } = 12;
    public int PasswordIterations { get; init; } = 600_000;
    public int PasswordMaxAgeDays { get; init; } = 90;
    public int LockoutThreshold { get; init; } = 5;
    public int LockoutMinutes { get; init; } = 30;
    public int IdleTimeoutMinutes { get; init; } = 30;
    public int AbsoluteTimeoutHours { get; init; } = 12;
    public bool RequireTotpForAdministrators { get; init; } = true;
    public int OaTokenMinutes { get; init; } = 60;
    public int OaRequestsPerMinute { get; init; } = 600;
    public int SignInAttemptsPerMinutePerAddress { get; init; } = 30;
    /// <summary>Mark cookies Secure even on plain HTTP requests (behind a TLS-terminating gateway without forwarded headers).</summary>
    public bool AlwaysSecureCookies { get; init; }
}
