namespace RedSail.Platform.Accounts;

/// <summary>
/// SECURITY.md: at least 12 characters, three of the four character classes, not a common or breached
/// password (nor one built from such a base plus digits and symbols), and not containing the user name.
/// </summary>
internal sealed class PasswordPolicy(SecurityOptions options)
{
    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    public void Check(string field, string? password, string? userName, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "validation.required");
            return;
        }
        if (password.Length > 128) { errors.Add(field, "validation.max_length", 128); return; }
        if (password.Length < options.PasswordMinLength) errors.Add(field, "password.too_short", options.PasswordMinLength);
        var classes = new[] { password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) }
            .Count(x => x);
        if (classes < 3) errors.Add(field, "password.too_simple");
        if (IsCommon(password)) errors.Add(field, "password.common");
        if (!string.IsNullOrEmpty(userName) && userName.Length >= 3 && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            errors.Add(field, "password.contains_user_name");
    }

    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower)) return true;
        var stem = lower.TrimEnd("0123456789!@#$%^&*()_-+=.?~".ToCharArray());
        var lead = stem.TrimStart("0123456789!@#$%^&*()_-+=.?~".ToCharArray());
        return stem.Length > 0 && (Common.Value.Contains(stem) || Common.Value.Contains(lead));
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(line.Trim().ToLowerInvariant());
        return set;
    }
}
