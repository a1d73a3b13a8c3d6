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

    /// <summary>
    /// A workbook that passed the upload checks but breaks while its sheet is read (a damaged deflate stream, broken XML, a
    /// duplicated or missing part): what the readers throw for it, to be answered with 400 instead of 500 (found by the xlsx fuzzer;
    /// MiniExcel, which reads the records sheets, dereferences a missing styles part and looks up absent keys).
    /// </summary>
    public static bool IsMalformed(Exception e) =>
        e is InvalidDataException or System.Xml.XmlException or InvalidOperationException or ArgumentException or IndexOutOfRangeException
            or FormatException or OverflowException or InvalidCastException or NullReferenceException or KeyNotFoundException or IOException;

    public static AppException NotXlsx() => Rejected("import_file_not_xlsx", "import.file_not_xlsx");

    public static AppException TooManyRows() => Rejected("import_too_many_rows", "import.too_many_rows", MaxRows);

    public static AppException Rejected(string code, string messageKey, params object[] args) => XlsxUpload.Rejected(code, messageKey, args);
}
