using RedSail.BuildingBlocks.Errors;

namespace RedSail.BuildingBlocks.Validation;

/// <summary>Validates one request type. Every validator registered for a request runs before its handler.</summary>
public interface IValidator<in TRequest>
{
    void Validate(TRequest request, ValidationErrors errors);
}

/// <summary>One field error: the field as the client named it (camelCase), and a localized message key.</summary>
public sealed record FieldError(string Field, string MessageKey, object[] Args);

public sealed class ValidationErrors
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> All => _errors;
    public bool Any => _errors.Count > 0;

    public ValidationErrors Add(string field, string messageKey, params object[] args)
    {
        _errors.Add(new FieldError(field, messageKey, args));
        return this;
    }

    public ValidationErrors Required(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, "validation.required") : this;

    public ValidationErrors MaxLength(string field, string? value, int max) =>
        value is not null && value.Length > max ? Add(field, "validation.max_length", max) : this;

    public ValidationErrors RequiredMax(string field, string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, "validation.required") : MaxLength(field, value, max);

    public ValidationErrors Between(string field, int value, int min, int max) =>
        value < min || value > max ? Add(field, "validation.between", min, max) : this;

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationFailedException(_errors);
    }
}

public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors)
    : AppException(400, "validation_failed", "error.validation_failed")
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    /// <summary>The schema of the module whose request failed: field names are looked up there first (<c>field.{scope}.{field}</c>).</summary>
    public string? Scope { get; set; }
}
