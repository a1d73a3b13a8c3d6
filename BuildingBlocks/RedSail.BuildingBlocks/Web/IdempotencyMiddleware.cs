using Microsoft.AspNetCore.Http;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Errors;

namespace RedSail.BuildingBlocks.Web;

/// <summary>
/// Retries with the same <c>Idempotency-Key</c> header have one effect (docs/adr/0018). For state-changing calls of the module
/// APIs by a signed-in account or an OA client: the first request reserves the key (committed before it runs), runs, and stores
/// its status and body; a replay of the same request gets that response again with <c>Idempotent-Replayed: true</c>; the same
/// key with another request is a 422; a replay while the first still runs, or after it ended without a stored outcome once its
/// commit had begun (the host died, or it failed after its commit began), is a 409: the client must check rather than cause a
/// second effect. A request that failed before any commit frees its key; one whose host died before its commit began is run by
/// the retry (IdempotencyKeys.ReserveAsync). Without the header nothing changes.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    /// <summary>Responses up to this size are kept for replays (command results are small; a larger one is answered 409 on replay).</summary>
    public const int MaxKeptBody = 1024 * 1024;

    public async Task InvokeAsync(HttpContext http, RequestContext context, IdempotencyKeys keys)
    {
        if (!http.Request.Headers.TryGetValue(KeyHeader, out var header) || !Applies(http, context.Principal))
        {
            await next(http);
            return;
        }
        var key = header.ToString();
        if (key.Length is 0 or > 255 || key.Any(c => c is < '!' or > '~'))
            throw new AppException(400, "idempotency_key_invalid", "idempotency.key_invalid");
        var caller = context.Principal.UserId is { } user ? $"account:{user}" : $"client:{context.Principal.ClientId}";
        var fingerprint = await RequestFingerprint.ComputeAsync(http.Request, http.RequestAborted);

        var existing = await keys.ReserveAsync(caller, key, fingerprint, http.RequestAborted);
        if (existing is not null)
        {
            await AnswerRetryAsync(http, existing, fingerprint);
            return;
        }

        context.BeforeFirstCommit = () => keys.MarkCommittingAsync(caller, key);
        var original = http.Response.Body;
        await using var capture = new CapturingStream(original, MaxKeptBody);
        http.Response.Body = capture;
        try
        {
            await next(http);
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted); // what the endpoint wrote through the pipe reaches the copy
        }
        catch (Exception) when (!context.CommitStarted)
        {
            await keys.ReleaseAsync(caller, key);
            throw;
        }
        catch (Exception)
        {
            await keys.MarkUnknownAsync(caller, key);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }
        await keys.CompleteAsync(caller, key, http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.ToString() is
            { Length: > 0 } location ? location : null, capture.Captured);
    }

    private static bool Applies(HttpContext http, Principal principal) =>
        !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
        && http.GetEndpoint()?.Metadata is { } metadata && metadata.GetMetadata<ModuleApi>() is not null && metadata.GetMetadata<AnonymousAccess>() is null
        && (principal.UserId is not null || principal.ClientId is not null);

    private static async Task AnswerRetryAsync(HttpContext http, IdempotencyRecord existing, byte[] fingerprint)
    {
        if (!existing.RequestHash.AsSpan().SequenceEqual(fingerprint))
            throw new RuleViolationException("idempotency_key_reused", "idempotency.key_reused");
        switch (existing.State)
        {
            case "running" or "committing":
                throw new AppException(409, "idempotency_in_progress", "idempotency.in_progress");
            case "unknown":
                throw new AppException(409, "idempotency_outcome_unknown", "idempotency.outcome_unknown");
            case "completed" when !existing.BodyKept:
                throw new AppException(409, "idempotency_response_not_kept", "idempotency.response_not_kept", existing.StatusCode ?? 0);
        }
        http.Response.StatusCode = existing.StatusCode ?? StatusCodes.Status200OK;
        if (existing.ContentType is not null) http.Response.ContentType = existing.ContentType;
        if (existing.Location is not null) http.Response.Headers.Location = existing.Location;
        http.Response.Headers[ReplayedHeader] = "true";
        if (existing.ResponseBody is { Length: > 0 } body) await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    /// <summary>Passes the response through and keeps a copy of it, up to a limit (then <see cref="Captured"/> is null).</summary>
    private sealed class CapturingStream(Stream inner, int limit) : Stream
    {
        private readonly MemoryStream _copy = new();
        private bool _overflowed;

        public byte[]? Captured => _overflowed ? null : _copy.ToArray();

        private void Keep(ReadOnlySpan<byte> data)
        {
            if (_overflowed) return;
            if (_copy.Length + data.Length > limit)
            {
                _overflowed = true;
                _copy.SetLength(0);
                return;
            }
            _copy.Write(data);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _copy.Dispose();
            base.Dispose(disposing);
        }
    }
}
