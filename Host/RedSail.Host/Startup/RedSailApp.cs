using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.RateLimiting;
using RedSail.BuildingBlocks;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Errors;
using RedSail.BuildingBlocks.Events;
using RedSail.BuildingBlocks.Localization;
using RedSail.BuildingBlocks.Modules;
using RedSail.BuildingBlocks.Web;
using RedSail.Modules.Analytics;
using RedSail.Modules.Archives;
using RedSail.Modules.Honors;
using RedSail.Modules.Personnel;
using RedSail.Modules.Workflow;
using RedSail.Platform;
using RedSail.BuildingBlocks.Scheduling;

namespace RedSail.Host.Startup;

/// <summary>The composition root: the same app for <c>dotnet run</c>, the CLI verbs and the tests.</summary>
public static class RedSailApp
{
    public static WebApplication Build(WebApplicationBuilder builder, DatabaseBootstrap database)
    {
        var configuration = builder.Configuration;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["RedSail:TimeZone"] ?? "Asia/Shanghai");
        builder.Services.AddBuildingBlocks(database.Options, database.Keys,
            configuration.GetSection("Outbox").Get<OutboxOptions>() ?? new OutboxOptions(), zone);
        builder.Services
            .AddPlatform(configuration)
            .AddPersonnel(configuration)
            .AddWorkflow(configuration)
            .AddHonors(configuration)
            .AddArchives(configuration)
            .AddAnalytics(configuration)
            // after the modules: it schedules the commands they registered
            .AddScheduler(database.Options, database.Keys, zone);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(new MessageSource(typeof(RedSailApp).Assembly)); // the CLI verbs' messages (Resources/)
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "RedSail 红帆智慧党建 API";
            document.Info.Description = "Module APIs under /api/<module>. Sign in with the session cookie (web UI) or an OA bearer token (POST /api/platform/oa/token).";
            return Task.CompletedTask;
        }));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Chinese text as UTF-8 in responses, not \u escapes.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = 429;
            o.OnRejected = (context, ct) => throw new AppException(429, "rate_limited", "error.rate_limited");
            o.GlobalLimiter = RateLimits.Create(configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions());
        });
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        var app = builder.Build();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(MessageCatalog.DefaultCulture);
            o.AddSupportedCultures(MessageCatalog.Cultures);
            o.AddSupportedUICultures(MessageCatalog.Cultures);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseMiddleware<ProblemMiddleware>();
        app.UseMiddleware<AccessMiddleware>();
        app.UsePlatformSso();
        app.UseRateLimiter();
        // after access control and rate limits: only calls that may run reserve an Idempotency-Key
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapGet("/health", HealthCheck).WithTags("health").WithSummary("健康检查（含数据库连通性）").AllowAnonymousAccess();
        app.MapOpenApi().RequireSignedIn();
        app.MapPlatform();
        app.MapPersonnel();
        app.MapWorkflow();
        app.MapHonors();
        app.MapArchives();
        app.MapAnalytics();
        app.MapFallback("/api/{**rest}", () => { throw new NotFoundException("endpoint", null); }).AllowAnonymousAccess();
        app.MapFallbackToFile("index.html");
        return app;
    }

    private static async Task<IResult> HealthCheck(ModuleDataSources sources, CancellationToken ct)
    {
        try
        {
            await using var command = sources.For("platform").CreateCommand("select 1");
            await command.ExecuteScalarAsync(ct);
            return Results.Ok(new { status = "ok", database = "reachable" });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Results.Json(new { status = "unhealthy", database = "unreachable" }, statusCode: 503);
        }
    }
}
