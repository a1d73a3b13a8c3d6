using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Errors;

namespace RedSail.BuildingBlocks.Web;

/// <summary>
/// Server-side access control for every API endpoint, in one place: who the caller is, CSRF for cookie
/// sessions, OA client scopes, and the endpoint's permission. Fails closed: an API endpoint that declares
/// no access rule refuses everyone. Refusals (403) are audited.
/// </summary>
public sealed class AccessMiddleware(RequestDelegate next)
{
    public const string CsrfHeader = "X-CSRF-Token";

    public async Task InvokeAsync(HttpContext http, RequestContext context, IPrincipalResolver resolver, AuditTrail audit)
    {
        context.SourceAddress = http.Connection.RemoteIpAddress?.ToString();
        if (http.Request.Headers.TryGetValue("X-Correlation-Id", out var correlation) && correlation.ToString() is { Length: > 0 and <= 64 } id)
            context.Id = id;
        http.Response.Headers["X-Correlation-Id"] = context.Id;

        var resolved = await resolver.ResolveAsync(http, http.RequestAborted);
        if (resolved is not null)
        {
            context.Principal = resolved.Principal;
            context.SessionId = resolved.SessionId;
        }

        var endpoint = http.GetEndpoint();
        if (endpoint is null || !(http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi")))
        {
            await next(http);
            return;
        }

        var metadata = endpoint.Metadata;
        if (metadata.GetMetadata<AnonymousAccess>() is not null)
        {
            await next(http);
            return;
        }

        var principal = context.Principal;
        if (!principal.IsAuthenticated)
            throw new AppException(401, "unauthenticated", "error.unauthenticated");

        if (resolved?.CsrfToken is { } expected && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            var sent = http.Request.Headers[CsrfHeader].ToString();
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected)))
                await Deny(http, context, audit, "csrf", "error.csrf");
        }

        var module = metadata.GetMetadata<ModuleApi>()?.Module;
        if (principal.ClientId is not null && (module is null || !principal.Has(module + ".api")))
            await Deny(http, context, audit, "oa_scope", "error.oa_scope", module ?? "platform");

        var permission = metadata.GetMetadata<RequiredPermission>()?.Permission;
        var signedInIsEnough = metadata.GetMetadata<SignedInAccess>() is not null && principal.UserId is not null;
        if (!signedInIsEnough && (permission is null || !principal.Has(permission)))
            await Deny(http, context, audit, permission ?? "undeclared", "error.forbidden");

        await next(http);
    }

    private static async Task Deny(HttpContext http, RequestContext context, AuditTrail audit, string reason, string messageKey, params object[] args)
    {
        await audit.RecordAsync(context, new AuditEntry($"{http.Request.Method} {RouteOf(http)}", AuditResult.Denied,
            "endpoint", null, null, reason), http.RequestAborted);
        throw new ForbiddenException(messageKey, reason switch { "csrf" => "csrf", "oa_scope" => "oa_scope", _ => "forbidden" }, args);
    }

    // The route template, not the raw path: paths can carry ids, and the audit names the action, not the data.
    private static string RouteOf(HttpContext http) =>
        (http.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.ToString();
}
