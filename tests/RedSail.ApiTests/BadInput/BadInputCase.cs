using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RedSail.Testing;

namespace RedSail.ApiTests.BadInput;

/// <summary>
/// One case of corpus.json: a group (category, caller, method, path, a valid body template and the field to spoil, or raw bodies,
/// or hostile files) expanded over its values. A value may be wrapped as {"case": value, "status": …, "code": …, "field": …} to
/// expect something else than its group. Text macros: {repeat:X:N} (X N times), {deep:N} (N nested arrays), {big:N} (a JSON body of
/// N bytes); route and body placeholders ({branch}, {root}, {document}, {honour}) are filled from the seeded host.
/// </summary>
public sealed record BadInputCase(
    string Category,
    string Caller,
    string Method,
    string Path,
    string? Body,
    IReadOnlyDictionary<string, string>? Form,
    string? FileGenerator,
    string? FileName,
    int Status,
    string? Code,
    string? Field,
    string Label)
{
    public override string ToString() => Label;

    public static IReadOnlyList<BadInputCase> Load()
    {
        var file = System.IO.Path.Combine(Repository.Root, "tests", "RedSail.ApiTests", "BadInput", "corpus.json");
        var corpus = JsonNode.Parse(File.ReadAllText(file))!["groups"]!.AsArray();
        var cases = new List<BadInputCase>();
        foreach (var group in corpus.Select(g => g!.AsObject()))
        {
            string Text(string key) => group[key]!.GetValue<string>();
            string? Optional(string key) => group[key]?.GetValue<string>();
            var form = group["form"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
            var status = group["status"]!.GetValue<int>();
            var items = (group["values"] ?? group["raw"] ?? group["files"])!.AsArray();
            foreach (var (item, index) in items.Select((v, i) => (v, i)))
            {
                var (value, expectedStatus, code, field) = item is JsonObject wrapper && wrapper.ContainsKey("case")
                    ? (wrapper["case"]?.DeepClone(), wrapper["status"]?.GetValue<int>() ?? status, wrapper["code"]?.GetValue<string>() ?? Optional("code"),
                        wrapper["field"]?.GetValue<string>() ?? Optional("field"))
                    : (item?.DeepClone(), status, Optional("code"), Optional("field"));
                string path = Text("path"), label = $"{Text("category")} {Text("method")} {Text("path")} #{index + 1}";
                string? body = null, generator = null, fileName = null;
                if (group["set"] is { } set)
                {
                    var template = group["body"]!.DeepClone();
                    Set(template, set.GetValue<string>(), Expand(value));
                    body = template.ToJsonString();
                }
                else if (group["raw"] is not null) body = ExpandText(value!.GetValue<string>());
                else if (group["files"] is not null)
                {
                    generator = value!["generator"]!.GetValue<string>();
                    fileName = value["name"]!.GetValue<string>();
                }
                else
                {
                    var raw = ExpandText(value!.GetValue<string>());
                    path = path.Replace("{value}", path.EndsWith("?{value}") ? raw : Uri.EscapeDataString(raw));
                }
                cases.Add(new BadInputCase(Text("category"), Text("caller"), Text("method"), path, body, form, generator, fileName, expectedStatus, code, field,
                    label + (value is null ? " null" : $" {Short(value.ToJsonString())}")));
            }
        }
        return cases;
    }

    private static void Set(JsonNode body, string dotted, JsonNode? value)
    {
        var parts = dotted.Split('.');
        var target = parts[..^1].Aggregate(body, (node, part) => node[part]!);
        target[parts[^1]] = value;
    }

    private static JsonNode? Expand(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) ? JsonValue.Create(ExpandText(text)) : value;

    private static string ExpandText(string text)
    {
        if (text.StartsWith("{repeat:") && text.EndsWith('}'))
        {
            var parts = text[8..^1].Split(':');
            return string.Concat(Enumerable.Repeat(parts[0], int.Parse(parts[1])));
        }
        if (text.StartsWith("{deep:")) return new string('[', int.Parse(text[6..^1])) + new string(']', int.Parse(text[6..^1]));
        if (text.StartsWith("{big:"))
        {
            var size = int.Parse(text[5..^1]);
            return new StringBuilder("{\"organizationId\":\"{branch}\",\"basics\":{\"name\":\"").Append('a', size).Append("\"}}").ToString();
        }
        return text;
    }

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
