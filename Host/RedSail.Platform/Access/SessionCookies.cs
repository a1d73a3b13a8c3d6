using System.Security.Cryptography;

namespace RedSail.Platform.Access;

/// <summary>
/// The session cookie (random 256-bit token, HttpOnly, SameSite=Strict; only its SHA-256 is stored) and
/// the CSRF cookie the web UI reads and echoes in the X-CSRF-Token header.
/// </summary>
internal static class SessionCookies
{
    public const string Session = "redsail.sid";
    public const string Csrf = "redsail.csrf";

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] HashOf(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));

    public static void Write(HttpContext http, SecurityOptions options, string sessionToken, string csrfToken)
    {
        var secure = http.Request.IsHttps || options.AlwaysSecureCookies;
        http.Response.Cookies.Append(Session, sessionToken, new CookieOptions
        {
            HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true,
        });
        http.Response.Cookies.Append(Csrf, csrfToken, new CookieOptions
        {
            HttpOnly = false, Secure = secure, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true,
        });
    }

    public static void Clear(HttpContext http)
    {
        http.Response.Cookies.Delete(Session, new CookieOptions { Path = "/" });
        http.Response.Cookies.Delete(Csrf, new CookieOptions { Path = "/" });
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
