using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace RedSail.BuildingBlocks.Web;

/// <summary>
/// SHA-256 of what makes two requests "the same" for an Idempotency-Key: method, path with query, and body. A multipart body
/// is hashed part by part (headers and content) without its boundary, which a client draws afresh for every send of the same
/// form. The body is buffered, and rewound for the endpoint.
/// </summary>
public static class RequestFingerprint
{
    public static async Task<byte[]> ComputeAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, $"{request.Method}\n{request.Path}{request.QueryString}\n");
        var boundary = MultipartBoundary(request.ContentType);
        if (boundary is null)
        {
            Append(hash, request.ContentType ?? "");
            Append(hash, "\n");
            await AppendStreamAsync(hash, request.Body, ct);
        }
        else
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                foreach (var (name, value) in (section.Headers ?? []).OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
                    Append(hash, $"{name.ToLowerInvariant()}:{value}\n");
                Append(hash, "\n");
                await AppendStreamAsync(hash, section.Body, ct);
                Append(hash, "\n--\n");
            }
        }
        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private static string? MultipartBoundary(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));

    private static async Task AppendStreamAsync(IncrementalHash hash, Stream stream, CancellationToken ct)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0) hash.AppendData(buffer, 0, read);
    }
}
