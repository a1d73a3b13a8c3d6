namespace RedSail.Modules.Archives.Domain;

/// <summary>
/// Who may see an archived document (<c>archives.document.security_level</c>); the SQL form is
/// <see cref="Access.ArchivesScope.Visible"/>.
/// </summary>
internal static class SecurityLevels
{
    /// <summary>公开: every signed-in account holding <c>archives.read</c>, wherever its grant is.</summary>
    public const int Public = 0;

    /// <summary>内部: <c>archives.read</c> holders whose grant covers the document's organisation.</summary>
    public const int Internal = 1;

    /// <summary>限制: only holders of <c>archives.restricted</c> whose grant covers the document's organisation.</summary>
    public const int Restricted = 2;

    public static bool IsValid(int level) => level is >= Public and <= Restricted;
}
