using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;

namespace RedSail.Modules.Archives.Features.Announcements;

/// <summary>
/// The rich text of an announcement, made safe on the server before it is stored (the browser renders it as HTML): headings,
/// paragraphs, lists, bold/italic/underline, links (http, https or our own paths; they open without handing over the page),
/// pictures from our own origin only (a path on this server: nothing that reports readers to another host), and tables. Scripts,
/// event handlers, frames, forms and any style but the alignment of text are dropped.
/// </summary>
internal static partial class AnnouncementHtml
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html).Trim();

    /// <summary>The plain text of sanitised HTML, its spaces collapsed and cut to <paramref name="length"/> characters (the lists' excerpt).</summary>
    public static string Excerpt(string sanitizedHtml, int length = 120)
    {
        // blocks are separated by a space; inline tags (bold, links …) vanish without one, as the reader sees the text
        var text = WebUtility.HtmlDecode(Whitespace().Replace(InlineTags().Replace(BlockTags().Replace(sanitizedHtml, " "), ""), " ")).Trim();
        return text.Length <= length ? text : text[..length].TrimEnd() + "…";
    }

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "ul", "ol", "li", "strong", "b", "em", "i", "u", "s",
                "a", "img", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td", "div", "span",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
                { "href", "title", "src", "alt", "width", "height", "colspan", "rowspan", "start", "style" },
            // alignment only: nothing that positions, hides, overlays or loads (position, z-index, background, …)
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "text-align" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        });
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.Tag.NodeName.Equals("IMG", StringComparison.OrdinalIgnoreCase) && !IsOwnPath(e.OriginalUrl)) e.SanitizedUrl = null;
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { NodeName: "A" } link && link.HasAttribute("href")) link.SetAttribute("rel", "noopener noreferrer nofollow");
        };
        return sanitizer;
    }

    /// <summary>A path on this server ("/api/…"), not a URL of another host ("https://…", "//host/…", "/\host").</summary>
    private static bool IsOwnPath(string url) => url.StartsWith('/') && url.Length > 1 && url[1] is not ('/' or '\\');

    [GeneratedRegex(@"</?(p|h[1-6]|li|ul|ol|br|hr|blockquote|div|table|caption|thead|tbody|tfoot|tr|th|td)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTags();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex InlineTags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
