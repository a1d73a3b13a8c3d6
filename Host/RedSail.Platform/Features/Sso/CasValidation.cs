using System.Xml;
using System.Xml.Linq;

namespace RedSail.Platform.Features.Sso;

/// <summary>
/// CAS 2.0 / 3.0 service-ticket validation, server to server (<c>/serviceValidate</c>, or <c>/p3/serviceValidate</c> with
/// attributes), read per the CAS protocol's XML answer. The user is the one in that answer, never anything in the callback URL.
/// </summary>
internal sealed class CasValidation(IHttpClientFactory clients)
{
    private static readonly XNamespace Cas = "http://www.yale.edu/tp/cas";

    public static string LoginUrl(CasProviderOptions cas, string service) =>
        $"{cas.ServerUrl!.TrimEnd('/')}/login?service={Uri.EscapeDataString(service)}";

    public async Task<SsoExchangeResult> ValidateAsync(CasProviderOptions cas, string service, string ticket, CancellationToken ct)
    {
        var path = cas.Version >= 3 ? "/p3/serviceValidate" : "/serviceValidate";
        var url = $"{cas.ServerUrl!.TrimEnd('/')}{path}?service={Uri.EscapeDataString(service)}&ticket={Uri.EscapeDataString(ticket)}";
        string xml;
        try
        {
            using var response = await clients.CreateClient(SsoRegistration.HttpClientName).GetAsync(url, ct);
            if (!response.IsSuccessStatusCode) return SsoExchangeResult.Failed(SsoRefusals.ProviderUnreachable, ((int)response.StatusCode).ToString());
            xml = await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return SsoExchangeResult.Failed(SsoRefusals.ProviderUnreachable, e.GetType().Name);
        }
        return Parse(xml, cas);
    }

    public static SsoExchangeResult Parse(string xml, CasProviderOptions cas)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return SsoExchangeResult.Failed(SsoRefusals.TicketRejected, "malformed");
        }
        var root = document.Root;
        if (root?.Name != Cas + "serviceResponse") return SsoExchangeResult.Failed(SsoRefusals.TicketRejected, "malformed");
        if (root.Element(Cas + "authenticationFailure") is { } failure)
            return SsoExchangeResult.Failed(SsoRefusals.TicketRejected, Code(failure.Attribute("code")?.Value));
        var success = root.Element(Cas + "authenticationSuccess");
        var user = success?.Element(Cas + "user")?.Value.Trim();
        if (string.IsNullOrEmpty(user)) return SsoExchangeResult.Failed(SsoRefusals.TicketRejected, "no_user");
        var attributes = success!.Element(Cas + "attributes");
        string? Attribute(string? name) => name is null ? null : attributes?.Element(Cas + name)?.Value.Trim();
        return SsoExchangeResult.Succeeded(new SsoIdentity(user, Attribute(cas.NameAttribute), Attribute(cas.DepartmentAttribute)));
    }

    // The protocol's codes (INVALID_TICKET, INVALID_SERVICE...) go to the audit trail; anything else is cut short.
    private static string Code(string? code) => code is { Length: > 0 and <= 40 } c && c.All(ch => char.IsAsciiLetterUpper(ch) || ch == '_') ? c : "unknown";
}

/// <summary>The answer of an OA's validation: an identity, or why not (the refusal and a short audit detail).</summary>
internal sealed record SsoExchangeResult(SsoIdentity? Identity, string? Refusal, string? Detail)
{
    public static SsoExchangeResult Succeeded(SsoIdentity identity) => new(identity, null, null);
    public static SsoExchangeResult Failed(string refusal, string? detail) => new(null, refusal, detail);
}
