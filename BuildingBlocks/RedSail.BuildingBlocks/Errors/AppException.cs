namespace RedSail.BuildingBlocks.Errors;

/// <summary>
/// A failure the client should hear about, as an RFC 7807 problem. The message is a key into the
/// localized message catalog, so the same error reads in Chinese or English.
/// </summary>
public class AppException(int status, string code, string messageKey, params object[] args)
    : Exception(messageKey)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string MessageKey { get; } = messageKey;
    public object[] Args { get; } = args;

    /// <summary>Extra members written into the problem document (e.g. the current version on a 409).</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

/// <summary>Missing or outside the caller's scope: both answer 404 so that existence does not leak.</summary>
public sealed class NotFoundException(string targetType, string? targetId)
    : AppException(404, "not_found", "error.not_found")
{
    public string TargetType { get; } = targetType;
    public string? TargetId { get; } = targetId;
}

public sealed class ForbiddenException(string messageKey = "error.forbidden", string code = "forbidden", params object[] args)
    : AppException(403, code, messageKey, args);

/// <summary>A business rule says no (not a malformed field).</summary>
public sealed class RuleViolationException(string code, string messageKey, params object[] args)
    : AppException(422, code, messageKey, args);

/// <summary>Optimistic concurrency: the record changed since the caller read it.</summary>
public sealed class ConcurrencyException : AppException
{
    public ConcurrencyException(long currentVersion) : base(409, "concurrency_conflict", "error.concurrency_conflict")
    {
        Extensions["currentVersion"] = currentVersion;
    }
}
