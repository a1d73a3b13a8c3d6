using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RedSail.BuildingBlocks.Web;

/// <summary>The permission an endpoint needs. Every API endpoint declares one, or says it is open.</summary>
public sealed record RequiredPermission(string Permission);

/// <summary>Open to anyone (sign-in, health). Without this or a permission an API endpoint refuses everyone.</summary>
public sealed record AnonymousAccess;

/// <summary>Any signed-in person may call it (their own profile, password change).</summary>
public sealed record SignedInAccess;

/// <summary>The module API group an endpoint belongs to; OA clients need this module in their scopes.</summary>
public sealed record ModuleApi(string Module);

public static class AccessConventions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredPermission(permission));

    public static TBuilder AllowAnonymousAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AnonymousAccess());

    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SignedInAccess());

    /// <summary>The route group for a module's API: <c>/api/{module}</c>, tagged for OpenAPI and for OA scopes.</summary>
    public static RouteGroupBuilder MapModuleApi(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string module) =>
        endpoints.MapGroup($"/api/{module}").WithTags(module).WithMetadata(new ModuleApi(module));
}
