using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;

namespace RedSail.ApiTests;

/// <summary>Reads an RFC 7807 problem answer and checks its status and code.</summary>
internal static class Problems
{
    public static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code), body);
        Assert.That(body, Does.Not.Contain("   at "), "no stack trace reaches a client");
        return problem;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        return string.IsNullOrEmpty(body) ? default : JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The first message of a field's errors in a validation problem.</summary>
    public static string FieldError(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    public static async Task<string?> NextStepAsync(HttpResponseMessage response) =>
        (await JsonAsync(response)).GetProperty("next").GetString();
}
