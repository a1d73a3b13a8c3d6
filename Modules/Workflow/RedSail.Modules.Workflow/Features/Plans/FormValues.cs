using System.Globalization;

namespace RedSail.Modules.Workflow.Features.Plans;

/// <summary>Typed values of a multipart form; one that does not parse is absent, and the validator reports it as required.</summary>
internal static class FormValues
{
    public static string? Text(IFormCollection form, string name) => form.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null;

    public static DateOnly? Date(IFormCollection form, string name) =>
        DateOnly.TryParseExact(Text(form, name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static long? Long(IFormCollection form, string name) =>
        long.TryParse(Text(form, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;
}
