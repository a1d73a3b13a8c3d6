using RedSail.Platform.Access;

namespace RedSail.Platform.Features.SignIn;

/// <summary>Ends the caller's session on the server; the cookie alone would not be enough.</summary>
public sealed record SignOut : ICommand<Unit>
{
    public string AuditAction => "platform.auth.sign_out";
}

internal sealed class SignOutHandler(SessionFactory sessions, RequestContext context) : IRequestHandler<SignOut, Unit>
{
    public async Task<Unit> Handle(SignOut request, CancellationToken cancellationToken)
    {
        if (context.SessionId is { } sessionId) await sessions.RevokeAsync(sessionId, cancellationToken);
        return Unit.Value;
    }
}

internal static class SignOutEndpoint
{
    public static void MapSignOut(this IEndpointRouteBuilder api) =>
        api.MapPost("/auth/logout", async (IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                await mediator.Send(new SignOut(), ct);
                SessionCookies.Clear(http);
                return Results.NoContent();
            })
            .WithName("SignOut").WithSummary("退出登录（服务端注销会话）")
            .AllowAnonymousAccess();
}
