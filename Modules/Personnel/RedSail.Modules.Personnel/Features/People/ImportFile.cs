namespace RedSail.Modules.Personnel.Features.People;

/// <summary>
/// Personnel's import limits: the upload checks are <see cref="XlsxUpload"/>'s.
/// </summary>
internal static class ImportFile
{
    // 100,000 fully filled rows compress to about 11 MB; the limit leaves room for that and refuses more.
    public const int MaxBytes = 24 * 1024 * 1024;
    public const int MaxRows = 100_000;
    public const long MaxUncompressedBytes = 100L * 1024 * 1024;
    public const int MaxEntries = 1_000;

    public static readonly XlsxLimits Limits = new(MaxBytes, MaxUncompressedBytes, MaxEntries);

    public static void EnsureSafeXlsx(byte[] content) => XlsxUpload.EnsureSafe(content, Limits);

    public static AppException TooManyRows() => Rejected("import_too_many_rows", "import.too_many_rows", MaxRows);

    public static AppException Rejected(string code, string messageKey, params object[] args) => XlsxUpload.Rejected(code, messageKey, args);
}
