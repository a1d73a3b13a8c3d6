using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RedSail.Platform.Features.Sso;

/// <summary>
/// The vendor ticket URL adapter: exchanges the ticket at the OA's endpoint (GET query or POST form, the parameter names,
/// fixed extras and signature all from configuration) and reads the user, name and department from the JSON answer by path.
/// HMAC signature: <c>HEX(HMAC-SHA256(secret, ticket + timestamp))</c>, timestamp in Unix seconds.
/// </summary>
internal sealed class TicketExchange(IHttpClientFactory clients, IClock clock)
{
    public static string LoginUrl(TicketProviderOptions ticket, string callback) =>
        ticket.LoginUrl!.Replace("{callback}", Uri.EscapeDataString(callback), StringComparison.Ordinal);

    public async Task<SsoExchangeResult> ExchangeAsync(TicketProviderOptions options, string ticket, CancellationToken ct)
    {
        var parameters = new List<KeyValuePair<string, string>>(options.ExtraParameters) { new(options.TicketField, ticket) };
        switch (options.Signature)
        {
            case TicketSignatures.Secret:
                parameters.Add(new(options.SecretField, options.Secret ?? ""));
                break;
            case TicketSignatures.Hmac:
                var timestamp = clock.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                parameters.Add(new(options.TimestampField, timestamp));
                parameters.Add(new(options.SignatureField, Sign(options.Secret ?? "", ticket, timestamp)));
                break;
        }

        using var request = options.Method.Equals("POST", StringComparison.OrdinalIgnoreCase)
            ? new HttpRequestMessage(HttpMethod.Post, options.ExchangeUrl) { Content = new FormUrlEncodedContent(parameters) }
            : new HttpRequestMessage(HttpMethod.Get, options.ExchangeUrl + (options.ExchangeUrl!.Contains('?') ? "&" : "?")
                + string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
        JsonDocument answer;
        try
        {
            var client = clients.CreateClient(SsoRegistration.HttpClientName);
            client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
            using var response = await client.SendAsync(request, ct);
            // A refusal of the ticket (expired, unknown) is the OA's 4xx; its 5xx is the OA being unwell.
            if ((int)response.StatusCode >= 500) return SsoExchangeResult.Failed(SsoRefusals.ProviderUnreachable, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            if (!response.IsSuccessStatusCode) return SsoExchangeResult.Failed(SsoRefusals.TicketRejected, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return SsoExchangeResult.Failed(SsoRefusals.ProviderUnreachable, e.GetType().Name);
        }
        catch (JsonException)
        {
            return SsoExchangeResult.Failed(SsoRefusals.TicketRejected, "malformed");
        }
        using (answer)
        {
            var user = Read(answer.RootElement, options.UserIdPath);
            return string.IsNullOrWhiteSpace(user)
                ? SsoExchangeResult.Failed(SsoRefusals.TicketRejected, "no_user")
                : SsoExchangeResult.Succeeded(new SsoIdentity(user, Read(answer.RootElement, options.DisplayNamePath), Read(answer.RootElement, options.DepartmentPath)));
        }
    }

    public static string Sign(string secret, string ticket, string timestamp) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(ticket + timestamp)));

    /// <summary>A dotted path (<c>data.user.loginName</c>; a number steps into an array) to a string or number.</summary>
    public static string? Read(JsonElement root, string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        var current = root;
        foreach (var step in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(step, out var next)) current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(step, out var index) && index < current.GetArrayLength()) current = current[index];
            else return null;
        }
        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            _ => null,
        };
    }
}

public static class TicketSignatures
{
    public const string None = "none";
    public const string Secret = "secret";
    public const string Hmac = "hmac";
}
