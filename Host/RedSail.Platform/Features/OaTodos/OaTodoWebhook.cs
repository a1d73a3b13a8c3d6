using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Platform.Features.OaTodos;

/// <summary>
/// Where the OA's unified to-do list takes pushes (configuration <c>Oa:TodoWebhook</c>); no URL: nothing is pushed, and to-dos
/// opened meanwhile are not pushed later when one is set.
/// </summary>
public sealed class OaTodoWebhookOptions
{
    /// <summary>The OA's endpoint (an adapter of the OA's to-do REST API, or the OA itself if it takes this shape).</summary>
    public string? Url { get; init; }
    /// <summary>Shared secret for the signature; from the environment (<c>Oa__TodoWebhook__Secret</c>), never in files or logs.</summary>
    public string? Secret { get; init; }
    /// <summary>RedSail's address as the OA's users reach it, to make the to-do's link absolute.</summary>
    public string? PublicBaseUrl { get; init; }
    public int TimeoutSeconds { get; init; } = 10;
}

/// <summary>
/// Pushes a to-do's opening or closing to the OA, signed: <c>X-RedSail-Signature: sha256=HEX(HMAC-SHA256(secret, timestamp + "." + body))</c>
/// with <c>X-RedSail-Timestamp</c> (Unix seconds) and <c>X-RedSail-Event-Id</c>, which stays the same on every retry so that the
/// OA can drop a repeat. A refusal or an unreachable OA throws: the outbox tries again later with growing delays, then parks the
/// delivery, where the system administrator sees it (事件投递) and sends it again.
/// </summary>
internal sealed class OaTodoWebhook(IHttpClientFactory clients, OaTodoWebhookOptions options, IAccountDirectory accounts, IClock clock)
{
    public const string ClientName = "oa-todo-webhook";

    /// <summary>The subscribers that push to-dos; subscribed only when <see cref="OaTodoWebhookOptions.Url"/> is set (PlatformModule).</summary>
    public static readonly Type[] Pushes = [typeof(TodoOpenedPush), typeof(TodoClosedPush)];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task PushAsync(Guid eventId, string action, Guid todoId, string kind, Guid organizationId, TodoOpened? opened, CancellationToken ct)
    {
        var recipients = await accounts.WhoHoldsAsync(WorkflowPermissions.Write, organizationId, ct);
        var body = JsonSerializer.Serialize(new
        {
            eventId, action, todoId, kind, organizationId, title = opened?.Title, dueOn = opened?.DueOn,
            link = opened is null ? null : (options.PublicBaseUrl?.TrimEnd('/') ?? "") + opened.Link,
            recipients = recipients.Select(r => new { r.UserName, r.DisplayName, r.EmployeeNumber }),
        }, Json);
        var timestamp = clock.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-RedSail-Event-Id", eventId.ToString());
        request.Headers.Add("X-RedSail-Timestamp", timestamp);
        request.Headers.Add("X-RedSail-Signature", "sha256=" + Sign(options.Secret ?? "", timestamp, body));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var client = clients.CreateClient(ClientName);
        client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        using var response = await client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The OA refused the to-do push with {(int)response.StatusCode}", null, response.StatusCode);
    }

    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}

/// <summary>Tells the OA about a to-do that opened (or changed).</summary>
internal sealed class TodoOpenedPush(OaTodoWebhook webhook) : INotificationHandler<TodoOpened>
{
    public Task Handle(TodoOpened e, CancellationToken ct) => webhook.PushAsync(e.EventId, "open", e.TodoId, e.Kind, e.OrganizationId, e, ct);
}

/// <summary>Tells the OA that a to-do was resolved.</summary>
internal sealed class TodoClosedPush(OaTodoWebhook webhook) : INotificationHandler<TodoClosed>
{
    public Task Handle(TodoClosed e, CancellationToken ct) => webhook.PushAsync(e.EventId, "close", e.TodoId, e.Kind, e.OrganizationId, null, ct);
}
