using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Security;
using RedSail.Platform.Access;
using RedSail.Platform.Accounts;
using RedSail.Platform.Features.Sso;

namespace RedSail.Platform.Features.SignIn;

/// <summary>Local sign-in with user name and password; the first step of a new session.</summary>
public sealed record SignIn(string? UserName, string? Password) : ICommand<SignInOutcome>
{
    public string AuditAction => "platform.auth.sign_in";
    public AuditTarget AuditTarget => new("user_account", UserName);
}

public sealed record TotpSetup(string Secret, string OtpauthUri);

/// <summary>
/// Next: done, totp, totp-setup, password-change; or the refusal: invalid, locked. A refusal still commits
/// (the failure counter must survive), so it is a result, not an exception.
/// </summary>
public sealed record SignInOutcome(string Next, string? SessionToken = null, string? CsrfToken = null, TotpSetup? TotpSetup = null,
    int LockedMinutes = 0) : IAuditedResult
{
    public AuditTarget? AuditTarget => null;
    public string AuditOutcome => Next is SignInSteps.Invalid or SignInSteps.InvalidTotp or SignInSteps.Locked or SignInSteps.LocalSignInDisabled ? AuditResult.Denied : AuditResult.Success;
}

internal static class SignInSteps
{
    public const string Done = "done";
    public const string Invalid = "invalid";
    public const string InvalidTotp = "invalid-totp";
    public const string Locked = "locked";
    public const string LocalSignInDisabled = "local-disabled";
}

internal sealed class SignInValidator : IValidator<SignIn>
{
    public void Validate(SignIn request, ValidationErrors errors) =>
        errors.RequiredMax("userName", request.UserName, 64).RequiredMax("password", request.Password, 128);
}

internal sealed class SignInHandler(PlatformDb db, SignInGuard guard, PasswordHasher hasher, SessionFactory sessions,
    FieldCipher cipher, RequestContext context, LocalSignInPolicy localSignIn, IClock clock) : IRequestHandler<SignIn, SignInOutcome>
{
    public async Task<SignInOutcome> Handle(SignIn request, CancellationToken cancellationToken)
    {
        var userName = request.UserName!.Trim();
        if (await guard.LockedMinutesAsync(userName, cancellationToken) is > 0 and var minutes)
            return new SignInOutcome(SignInSteps.Locked, LockedMinutes: minutes);

        var account = await db.QuerySingleOrDefaultAsync<AccountRow>("""
            select u.id, u.user_name, u.password_hash, u.enabled, u.totp_secret, u.totp_enrolled_at is not null as totp_enrolled,
                   exists (select 1 from platform.role_grant g where g.user_id = u.id and g.role = any(@administrators)) as administrator
            from platform.user_account u where lower(u.user_name) = lower(@userName)
            """, new { userName, administrators = RoleCatalog.All.Where(r => r.Administrator).Select(r => r.Code).ToArray() }, cancellationToken);

        if (!hasher.Verify(account?.PasswordHash, request.Password!) || account is not { Enabled: true })
        {
            var lockedFor = await guard.RecordFailureAsync(userName, cancellationToken);
            return lockedFor > 0 ? new SignInOutcome(SignInSteps.Locked, LockedMinutes: lockedFor) : new SignInOutcome(SignInSteps.Invalid);
        }

        await guard.ClearAsync(userName, cancellationToken);
        // The password was right, so saying that this way of signing in is closed tells nothing about the account.
        if (!account.Administrator && await localSignIn.CurrentAsync(cancellationToken) == LocalSignInPolicy.AdministratorsOnly)
        {
            context.Principal = new Principal(account.Id, account.UserName, null, [], []);
            return new SignInOutcome(SignInSteps.LocalSignInDisabled);
        }
        if (hasher.NeedsUpgrade(account.PasswordHash))
            await db.ExecuteAsync("update platform.user_account set password_hash = @hash where id = @id",
                new { hash = hasher.Hash(request.Password!), id = account.Id }, cancellationToken);
        if (context.SessionId is { } previous) await sessions.RevokeAsync(previous, cancellationToken); // no session fixation
        context.Principal = new Principal(account.Id, account.UserName, null, [], []); // names the caller in the audit row

        TotpSetup? setup = null;
        string stage;
        if (account.TotpEnrolled) stage = SessionStages.Totp;
        else if (account.Administrator && sessions.TotpRequiredForAdministrators)
        {
            var secret = TotpCodes.NewSecret();
            await db.ExecuteAsync("update platform.user_account set totp_secret = @secret where id = @id",
                new { secret = cipher.Encrypt(TotpCodes.Encode(secret)), id = account.Id }, cancellationToken);
            setup = new TotpSetup(TotpCodes.Encode(secret), TotpCodes.Uri(secret, account.UserName));
            stage = SessionStages.TotpSetup;
        }
        else stage = await sessions.StageAfterSecondFactorAsync(account.Id, cancellationToken);

        var (token, csrf) = await sessions.CreateAsync(account.Id, stage, cancellationToken);
        if (stage == SessionStages.Active)
            await SignInCompletion.CompleteAsync(db, account.Id, clock.UtcNow, cancellationToken);
        return new SignInOutcome(stage == SessionStages.Active ? SignInSteps.Done : stage, token, csrf, setup);
    }

    private sealed class AccountRow
    {
        public Guid Id { get; init; }
        public string UserName { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public bool Enabled { get; init; }
        public byte[]? TotpSecret { get; init; }
        public bool TotpEnrolled { get; init; }
        public bool Administrator { get; init; }
    }
}

internal static class SignInEndpoint
{
    public static void MapSignIn(this IEndpointRouteBuilder api) =>
        api.MapPost("/auth/login", async (SignIn command, IMediator mediator, HttpContext http, SecurityOptions options, CancellationToken ct) =>
            {
                var outcome = await mediator.Send(command, ct);
                return SignInResults.Respond(http, options, outcome);
            })
            .WithName("SignIn").WithSummary("本地账号登录（用户名 + 口令）")
            .AllowAnonymousAccess();
}

/// <summary>Turns a sign-in step's outcome into cookies and the client's next step, or a problem.</summary>
internal static class SignInResults
{
    public static IResult Respond(HttpContext http, SecurityOptions options, SignInOutcome outcome)
    {
        switch (outcome.Next)
        {
            case SignInSteps.Invalid:
                throw new AppException(401, "auth.invalid_credentials", "auth.invalid_credentials");
            case SignInSteps.InvalidTotp:
                throw new AppException(401, "auth.invalid_totp", "auth.invalid_totp");
            case SignInSteps.LocalSignInDisabled:
                throw new AppException(403, "auth.local_sign_in_disabled", "auth.local_sign_in_disabled");
            case SignInSteps.Locked:
                var locked = new AppException(423, "auth.locked", "auth.locked", outcome.LockedMinutes);
                locked.Extensions["lockedMinutes"] = outcome.LockedMinutes;
                throw locked;
        }
        if (outcome.SessionToken is not null) SessionCookies.Write(http, options, outcome.SessionToken, outcome.CsrfToken!);
        return Results.Ok(new { next = outcome.Next, totpSetup = outcome.TotpSetup });
    }
}
