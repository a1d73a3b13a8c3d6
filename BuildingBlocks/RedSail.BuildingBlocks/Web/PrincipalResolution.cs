using Microsoft.AspNetCore.Http;
using RedSail.BuildingBlocks.Access;

namespace RedSail.BuildingBlocks.Web;

/// <summary>
/// Turns a request's credentials (session cookie, OA bearer token) into a principal. The platform provides
/// the implementation; the access middleware only consumes the result.
/// </summary>
public interface IPrincipalResolver
{
    Task<ResolvedPrincipal?> ResolveAsync(HttpContext http, CancellationToken ct);
}

/// <summary>
/// A resolved caller. <see cref="CsrfToken"/> is set for cookie sessions: state-changing requests must
/// echo it in the <c>X-CSRF-Token</c> header, which a cross-site form cannot do.
/// </summary>
public sealed record ResolvedPrincipal(Principal Principal, Guid? SessionId, string? CsrfToken);
