using RedSail.BuildingBlocks.Security;
using RedSail.Platform.Access;
using RedSail.Platform.Accounts;

namespace RedSail.Platform.Features.SignIn;

/// <summary>The second factor: a TOTP code, which also completes enrolment when the session is at totp-setup.</summary>
public sealed record VerifyTotp(string? Code) : ICommand<SignInOutcome>
{
    public string AuditAction => "platform.auth.totp";
}

internal sealed class VerifyTotpValidator : IValidator<VerifyTotp>
{
    public void Validate(VerifyTotp request, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(request.Code)) errors.Add("code", "validation.required");
        else if (request.Code.Length != 6 || !request.Code.All(char.IsAsciiDigit)) errors.Add("code", "auth.totp_format");
    }
}

internal sealed class VerifyTotpHandler(PlatformDb db, SignInGuard guard, SessionFactory sessions, FieldCipher cipher,
    RequestContext context, IClock clock) : IRequestHandler<VerifyTotp, SignInOutcome>
{
    public async Task<SignInOutcome> Handle(VerifyTotp request, CancellationToken cancellationToken)
    {
        var pending = context.SessionId is { } sessionId
            ? await db.QuerySingleOrDefaultAsync<PendingRow>("""
                select s.id as session_id, s.stage, u.id as user_id, u.user_name, u.totp_secret, u.last_totp_step
                from platform.session s join platform.user_account u on u.id = s.user_id
                where s.id = @sessionId and s.revoked_at is null and s.stage in ('totp', 'totp-setup') and u.enabled
                """, new { sessionId }, cancellationToken)
            : null;
        if (pending?.TotpSecret is null) throw new AppException(401, "auth.no_pending_sign_in", "auth.no_pending_sign_in");
        context.Principal = new Principal(pending.UserId, pending.UserName, null, [], []);

        if (await guard.LockedMinutesAsync(pending.UserName, cancellationToken) is > 0 and var minutes)
        {
            await sessions.RevokeAsync(pending.SessionId, cancellationToken);
            return new SignInOutcome(SignInSteps.Locked, LockedMinutes: minutes);
        }
        var secret = OtpNet.Base32Encoding.ToBytes(cipher.Decrypt(pending.TotpSecret));
        var step = TotpCodes.Match(secret, request.Code!, pending.LastTotpStep, clock.UtcNow.UtcDateTime);
        if (step is null)
        {
            var lockedFor = await guard.RecordFailureAsync(pending.UserName, cancellationToken);
            if (lockedFor == 0) return new SignInOutcome(SignInSteps.InvalidTotp);
            await sessions.RevokeAsync(pending.SessionId, cancellationToken);
            return new SignInOutcome(SignInSteps.Locked, LockedMinutes: lockedFor);
        }

        await guard.ClearAsync(pending.UserName, cancellationToken);
        await db.ExecuteAsync("""
            update platform.user_account
            set last_totp_step = @step, totp_enrolled_at = coalesce(totp_enrolled_at, now())
            where id = @userId
            """, new { step, pending.UserId }, cancellationToken);
        var stage = await sessions.StageAfterSecondFactorAsync(pending.UserId, cancellationToken);
        var (token, csrf) = await sessions.AdvanceAsync(pending.SessionId, stage, cancellationToken);
        if (stage == SessionStages.Active)
            await SignInCompletion.CompleteAsync(db, pending.UserId, clock.UtcNow, cancellationToken);
        return new SignInOutcome(stage == SessionStages.Active ? SignInSteps.Done : stage, token, csrf);
    }

    private sealed class PendingRow
    {
        public Guid SessionId { get; init; }
        public string Stage { get; init; } = "";
        public Guid UserId { get; init; }
        public string UserName { get; init; } = "";
        public byte[]? TotpSecret { get; init; }
        public long? LastTotpStep { get; init; }
    }
}

internal static class VerifyTotpEndpoint
{
    public static void MapVerifyTotp(this IEndpointRouteBuilder api) =>
        api.MapPost("/auth/totp", async (VerifyTotp command, IMediator mediator, HttpContext http, SecurityOptions options, CancellationToken ct) =>
                SignInResults.Respond(http, options, await mediator.Send(command, ct)))
            .WithName("VerifyTotp").WithSummary("第二因素：动态口令（TOTP）校验，首次使用时完成绑定")
            .AllowAnonymousAccess();
}
