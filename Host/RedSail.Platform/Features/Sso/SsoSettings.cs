using RedSail.Platform.Access;

namespace RedSail.Platform.Features.Sso;

/// <summary>What the sign-in page offers: the OA providers (buttons) and whether the password form is for everyone.</summary>
public sealed record GetSignInOptions : IQuery<SignInOptions>;

public sealed record SignInOptions(string LocalSignIn, IReadOnlyList<SsoProviderView> Providers);

public sealed record SsoProviderView(string Name, string Kind, string DisplayName, string DisplayNameEn, string LoginUrl);

internal sealed class GetSignInOptionsHandler(SsoOptions options, LocalSignInPolicy policy) : IRequestHandler<GetSignInOptions, SignInOptions>
{
    public async Task<SignInOptions> Handle(GetSignInOptions request, CancellationToken cancellationToken) =>
        new(await policy.CurrentAsync(cancellationToken), options.Providers
            .Select(p => new SsoProviderView(p.Key, p.Value.Kind, p.Value.DisplayName, p.Value.DisplayNameEn ?? p.Value.DisplayName,
                $"/sso/{Uri.EscapeDataString(p.Key)}/login"))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
}

/// <summary>The security administrator decides whether only administrators may still sign in with a password.</summary>
public sealed record SetLocalSignIn(string? LocalSignIn) : ICommand<Unit>
{
    public string AuditAction => "platform.sso.local_sign_in";
    public AuditTarget AuditTarget => new("setting", LocalSignInPolicy.SettingKey);
}

internal sealed class SetLocalSignInValidator : IValidator<SetLocalSignIn>
{
    public void Validate(SetLocalSignIn request, ValidationErrors errors)
    {
        if (request.LocalSignIn is not (LocalSignInPolicy.Everyone or LocalSignInPolicy.AdministratorsOnly))
            errors.Add("localSignIn", "sso.local_sign_in_value");
    }
}

internal sealed class SetLocalSignInHandler(LocalSignInPolicy policy) : IRequestHandler<SetLocalSignIn, Unit>
{
    public async Task<Unit> Handle(SetLocalSignIn request, CancellationToken cancellationToken)
    {
        await policy.SetAsync(request.LocalSignIn!, cancellationToken);
        return Unit.Value;
    }
}

internal static class SsoSettingsEndpoints
{
    public static void MapSsoSettings(this IEndpointRouteBuilder api)
    {
        api.MapGet("/auth/options", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetSignInOptions(), ct))
            .WithName("GetSignInOptions").WithSummary("登录方式：OA 单点登录入口与本地口令登录范围").AllowAnonymousAccess();
        api.MapPut("/sso/local-sign-in", async (SetLocalSignIn command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return Results.NoContent();
            })
            .WithName("SetLocalSignIn").WithSummary("设置本地口令登录范围（所有人 / 仅管理员）").RequirePermission(PlatformPermissions.Sso);
    }
}
