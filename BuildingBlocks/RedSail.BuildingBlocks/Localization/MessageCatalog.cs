using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace RedSail.BuildingBlocks.Localization;

/// <summary>
/// User-facing text in Chinese (default) and English. Each assembly embeds resource files named
/// <c>messages[.topic].zh-CN.json</c> and <c>messages[.topic].en.json</c> (from <c>Resources/[topic.]culture.json</c>);
/// keys are global and must not clash.
/// </summary>
public sealed class MessageCatalog
{
    public const string DefaultCulture = "zh-CN";
    public static readonly string[] Cultures = [DefaultCulture, "en"];

    private readonly Dictionary<string, Dictionary<string, string>> _byCulture = Cultures.ToDictionary(c => c, _ => new Dictionary<string, string>());

    public MessageCatalog(IEnumerable<Assembly> assemblies)
    {
        foreach (var assembly in assemblies.Distinct())
        foreach (var culture in Cultures)
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("messages.") && n.EndsWith($".{culture}.json")))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
            foreach (var (key, text) in entries)
                if (!_byCulture[culture].TryAdd(key, text))
                    throw new InvalidOperationException($"Message key '{key}' ({culture}) is defined twice.");
        }
    }

    /// <summary>The text for the current UI culture, falling back to Chinese and then to the key itself.</summary>
    public string Get(string key, params object[] args)
    {
        var culture = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : DefaultCulture;
        var text = _byCulture[culture].GetValueOrDefault(key) ?? _byCulture[DefaultCulture].GetValueOrDefault(key) ?? key;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentUICulture, text, args);
    }

    /// <summary>
    /// The text in one culture whatever the request's, for file formats with fixed wording (an import template's
    /// Chinese headers); null when the key is not there.
    /// </summary>
    public string? GetIn(string culture, string key) => _byCulture[culture].GetValueOrDefault(key);

    public IReadOnlyCollection<string> Keys(string culture) => _byCulture[culture].Keys;

    /// <summary>
    /// A field error as a sentence: the template gets the field's display name first, from the module's own
    /// <c>field.{scope}.{field}</c>, else the shared <c>field.{field}</c> (modules name the same JSON field differently).
    /// A field inside a list (<c>members[2].personId</c>) with no name of its own is named by its last part
    /// (<c>personId</c>): the client shows the message at that row, and a path is no name for a person to read.
    /// </summary>
    public string FieldMessage(Validation.FieldError error, string? scope = null)
    {
        var name = FieldName(error.Field, scope) ?? (LastPart(error.Field) is { } last && last != error.Field ? FieldName(last, scope) : null)
            ?? error.Field;
        return Get(error.MessageKey, [name, .. error.Args]);
    }

    private string? FieldName(string field, string? scope) =>
        scope is not null && Has($"field.{scope}.{field}") ? Get($"field.{scope}.{field}")
        : Has("field." + field) ? Get("field." + field) : null;

    /// <summary>"members[2].personId" → "personId", "members[2]" → "members"; null when nothing is left.</summary>
    private static string? LastPart(string field)
    {
        var last = field[(field.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[');
        last = bracket < 0 ? last : last[..bracket];
        return last.Length == 0 ? null : last;
    }

    private bool Has(string key) => _byCulture[DefaultCulture].ContainsKey(key);
}
