using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Errors;
using RedSail.BuildingBlocks.Localization;
using RedSail.BuildingBlocks.Validation;

namespace RedSail.BuildingBlocks.Web;

/// <summary>
/// Turns every failure into an RFC 7807 problem document in the caller's language (zh-CN by default),
/// with per-field messages for validation errors. Unexpected exceptions are logged with the correlation id
/// and answered with a generic 500: no stack trace reaches a client.
/// </summary>
public sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public async Task InvokeAsync(HttpContext http, MessageCatalog messages, RequestContext context)
    {
        try
        {
            await next(http);
        }
        catch (AppException e) when (!http.Response.HasStarted)
        {
            await WriteAsync(http, messages, context, e.Status, e.Code, messages.Get(e.MessageKey, e.Args), e switch
            {
                ValidationFailedException v => new Dictionary<string, object?> { ["errors"] = FieldMessages(v, messages) },
                _ => e.Extensions,
            });
        }
        catch (Exception e) when (e is BadHttpRequestException or JsonException && !http.Response.HasStarted)
        {
            // Malformed JSON, wrong types, oversized bodies: the framework's message is English and technical,
            // so name the problem in the caller's language and keep the detail for the log.
            log.LogInformation(e, "Bad request {Path}", http.Request.Path);
            var status = e is BadHttpRequestException { StatusCode: 413 } ? 413 : 400;
            var key = status == 413 ? "error.body_too_large" : "error.malformed_request";
            await WriteAsync(http, messages, context, status, status == 413 ? "body_too_large" : "malformed_request", messages.Get(key), null);
        }
        catch (NpgsqlException e) when (e.InnerException is TimeoutException && !http.Response.HasStarted)
        {
            // No free database connection within the pool's timeout (or a statement over its timeout) under overload:
            // "busy, retry" tells clients and proxies what to do, where a 500 would read as a bug.
            log.LogWarning(e, "Database busy, correlation {CorrelationId}", context.Id);
            await WriteAsync(http, messages, context, 503, "busy", messages.Get("error.busy"), null, retryAfterSeconds: 5);
        }
        catch (NpgsqlException e) when (e.IsTransient && !context.CommitStarted && !http.Response.HasStarted)
        {
            // The connection broke before anything was committed (the database restarted, crashed or failed over): nothing
            // happened, so "unavailable, retry" is the true answer. The pools still hold idle connections to the old server;
            // dropping them now spares the next requests the same failure.
            NpgsqlConnection.ClearAllPools();
            log.LogWarning(e, "Database unavailable, correlation {CorrelationId}", context.Id);
            await WriteAsync(http, messages, context, 503, "database_unavailable", messages.Get("error.database_unavailable"), null, retryAfterSeconds: 5);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            log.LogError(e, "Unhandled error, correlation {CorrelationId}", context.Id);
            await WriteAsync(http, messages, context, 500, "internal_error", messages.Get("error.internal"), null);
        }
    }

    private static Dictionary<string, string[]> FieldMessages(ValidationFailedException e, MessageCatalog messages) =>
        e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => messages.FieldMessage(f, e.Scope)).ToArray());

    private static Task WriteAsync(HttpContext http, MessageCatalog messages, RequestContext context, int status, string code,
        string detail, IDictionary<string, object?>? extensions, int? retryAfterSeconds = null)
    {
        var problem = new Dictionary<string, object?>
        {
            ["type"] = $"urn:redsail:problem:{code}",
            ["title"] = messages.Get($"status.{status}"),
            ["status"] = status,
            ["detail"] = detail,
            ["code"] = code,
            ["traceId"] = context.Id,
        };
        if (extensions is not null)
            foreach (var (key, value) in extensions) problem[key] = value;
        http.Response.Clear();
        http.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.ContentType = "application/problem+json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(problem, Json));
    }
}
