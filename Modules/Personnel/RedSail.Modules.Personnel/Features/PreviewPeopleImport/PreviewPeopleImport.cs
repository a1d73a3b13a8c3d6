using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NpgsqlTypes;
using RedSail.BuildingBlocks.Localization;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;
using RedSail.Modules.Personnel.Features.Rules;

namespace RedSail.Modules.Personnel.Features.PreviewPeopleImport;

/// <summary>
/// Reads an uploaded people sheet into a batch and checks every row with the rules of recording one person, plus
/// duplicates inside the file and ID numbers or employee numbers already recorded. Nothing enters the register
/// here: the batch waits for its commit, which only a batch without errors gets.
/// </summary>
internal sealed record PreviewPeopleImport(Guid OrganizationId, string FileName, byte[] Content) : ICommand<ImportPreview>
{
    public string AuditAction => "personnel.people.import.preview";
    public AuditTarget AuditTarget => new("import_batch", null, OrganizationId.ToString());
}

/// <summary>The batch, its number of data rows, how many of them are valid, and every error (row as Excel numbers it, field, message).</summary>
internal sealed record ImportPreview(Guid BatchId, int Rows, int Valid, IReadOnlyList<ImportRowError> Errors) : IAuditedResult
{
    AuditTarget? IAuditedResult.AuditTarget => new("import_batch", BatchId.ToString());
}

internal sealed record ImportRowError(int Row, string Field, string Message);

/// <summary>A row as stored in the batch (and read back by the commit): everything but the ID number and phone, which travel encrypted.</summary>
internal sealed record ImportedPerson(string? Name, string? Gender, DateOnly? BirthDate, string? Ethnicity, string? Education, string? NativePlace,
    string? EmployeeNumber, string? Department, string? PartyStatus, PartyDates Dates)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

internal sealed class PreviewPeopleImportValidator : IValidator<PreviewPeopleImport>
{
    public void Validate(PreviewPeopleImport request, ValidationErrors errors)
    {
        if (request.OrganizationId == Guid.Empty) errors.Add("organizationId", "validation.required");
        errors.MaxLength("file", request.FileName, 255);
    }
}

internal sealed class PreviewPeopleImportHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, BlindIndex blindIndex, IClock clock,
    MessageCatalog messages) : IRequestHandler<PreviewPeopleImport, ImportPreview>
{
    private sealed class Row(SheetRow sheet)
    {
        public SheetRow Sheet { get; } = sheet;
        public List<FieldError> Errors { get; } = [.. sheet.CellErrors];
        public string? IdNumber { get; set; }
        public byte[]? IdIndex { get; set; }
        public string? EmployeeNumber => PersonWrites.Blank(Sheet.Basics.EmployeeNumber);
    }

    public async Task<ImportPreview> Handle(PreviewPeopleImport request, CancellationToken cancellationToken)
    {
        await PersonWrites.EnsureOrganizationWritableAsync(db, context, request.OrganizationId, cancellationToken);
        ImportFile.EnsureSafeXlsx(request.Content);
        var rows = ReadRows(request.Content);
        CheckRows(rows, await RuleBook.LoadAsync(db, cancellationToken));
        await CheckAgainstRegisterAsync(rows, cancellationToken);

        var batchId = Guid.CreateVersion7();
        var errorCount = rows.Sum(r => r.Errors.Count);
        await db.ExecuteAsync("""
            insert into personnel.import_batch (id, organization_id, file_name, sha256, row_count, error_count, created_by)
            values (@batchId, @OrganizationId, @FileName, @sha256, @rowCount, @errorCount, @createdBy)
            """, new
            {
                batchId, request.OrganizationId, FileName = Path.GetFileName(request.FileName), sha256 = SHA256.HashData(request.Content),
                rowCount = rows.Count, errorCount, createdBy = context.Principal.UserId,
            }, cancellationToken);
        await StoreRowsAsync(batchId, rows, cancellationToken);

        var errors = rows.SelectMany(r => r.Errors.Select(e => new ImportRowError(r.Sheet.RowNumber, e.Field, messages.FieldMessage(e, PersonnelModule.Schema))))
            .ToList();
        return new ImportPreview(batchId, rows.Count, rows.Count(r => r.Errors.Count == 0), errors);
    }

    private static List<Row> ReadRows(byte[] content)
    {
        if (PeopleSheet.MissingHeaders(content) is { Count: > 0 } missing)
            throw ImportFile.Rejected("import_columns_missing", "import.columns_missing", string.Join("、", missing));
        var rows = new List<Row>();
        foreach (var sheetRow in PeopleSheet.Read(content))
        {
            if (rows.Count == ImportFile.MaxRows) throw ImportFile.TooManyRows();
            rows.Add(new Row(sheetRow));
        }
        if (rows.Count == 0) throw ImportFile.Rejected("import_file_empty", "import.no_rows");
        return rows;
    }

    /// <summary>The single-person rules on each row (a cell that could not be read is not reported twice), then duplicates inside the file.</summary>
    private void CheckRows(List<Row> rows, RuleSets rules)
    {
        var today = clock.Today;
        foreach (var row in rows)
        {
            var s = row.Sheet;
            var ruleErrors = new ValidationErrors();
            NewPersonRules.CheckBasics(s.Basics, s.PartyStatus, today, ruleErrors);
            if (s.PartyStatus is { } status && Domain.PartyStatus.All.Contains(status))
                NewPersonRules.CheckDates(s.Basics, status, s.Dates, today, rules, ruleErrors);
            var unreadable = s.CellErrors.Select(e => e.Field).ToHashSet();
            row.Errors.AddRange(ruleErrors.All.Where(e => !unreadable.Contains(e.Field)));
            if (s.Basics.IdNumber is { } id && Domain.IdNumber.Parse(Domain.IdNumber.Normalize(id)) is not null)
                row.IdNumber = Domain.IdNumber.Normalize(id);
        }
        ReportDuplicates(rows, r => r.IdNumber, "idNumber", "import.id_number_duplicate_in_file");
        ReportDuplicates(rows, r => r.EmployeeNumber, "employeeNumber", "import.employee_number_duplicate_in_file");
    }

    private static void ReportDuplicates(List<Row> rows, Func<Row, string?> key, string field, string messageKey)
    {
        foreach (var group in rows.Where(r => key(r) is not null).GroupBy(r => key(r)!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            foreach (var row in group)
                row.Errors.Add(new FieldError(field, messageKey,
                    [string.Join("、", group.Where(other => other != row).Select(other => other.Sheet.RowNumber))]));
    }

    /// <summary>ID numbers (through the blind index) and employee numbers already in the register: one query for the whole file.</summary>
    private async Task CheckAgainstRegisterAsync(List<Row> rows, CancellationToken ct)
    {
        Parallel.ForEach(rows.Where(r => r.IdNumber is not null), r => r.IdIndex = blindIndex.Compute(IdNumber.IndexPurpose, r.IdNumber!));
        var indexes = rows.Where(r => r.IdIndex is not null).Select(r => r.IdIndex!).ToArray();
        var employeeNumbers = rows.Select(r => r.EmployeeNumber).OfType<string>().Distinct().ToArray();
        using var grid = await db.QueryMultipleAsync("""
            select id_number_index from personnel.person where id_number_index = any(@indexes);
            select employee_number from personnel.person where employee_number = any(@employeeNumbers);
            """, new { indexes, employeeNumbers }, ct);
        var takenIds = (await grid.ReadAsync<byte[]>()).Select(Convert.ToHexString).ToHashSet();
        var takenEmployeeNumbers = (await grid.ReadAsync<string>()).ToHashSet();
        foreach (var row in rows)
        {
            if (row.IdIndex is { } index && takenIds.Contains(Convert.ToHexString(index))) row.Errors.Add(new FieldError("idNumber", "person.id_number_taken", []));
            if (row.EmployeeNumber is { } employee && takenEmployeeNumbers.Contains(employee))
                row.Errors.Add(new FieldError("employeeNumber", "person.employee_number_taken", []));
        }
    }

    /// <summary>All rows by binary COPY in the command's transaction; the ID number and phone only as SM4-GCM ciphertext.</summary>
    private async Task StoreRowsAsync(Guid batchId, List<Row> rows, CancellationToken ct)
    {
        var encrypted = new (byte[]? Id, byte[]? Phone)[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            var b = rows[i].Sheet.Basics;
            encrypted[i] = (b.IdNumber is { } id ? cipher.Encrypt(Domain.IdNumber.Normalize(id)) : null,
                PersonWrites.Blank(b.Phone) is { } phone ? cipher.Encrypt(phone) : null);
        });
        var connection = await db.ConnectionAsync(ct);
        await using var writer = await connection.BeginBinaryImportAsync("""
            copy personnel.import_row (batch_id, row_number, data, id_number_cipher, id_number_index, phone_cipher, valid) from stdin (format binary)
            """, ct);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var b = row.Sheet.Basics;
            var data = new ImportedPerson(PersonWrites.Blank(b.Name), b.Gender, b.BirthDate, b.Ethnicity, PersonWrites.Blank(b.Education),
                PersonWrites.Blank(b.NativePlace), row.EmployeeNumber, PersonWrites.Blank(b.Department), row.Sheet.PartyStatus, row.Sheet.Dates);
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(batchId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(row.Sheet.RowNumber, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(JsonSerializer.Serialize(data, ImportedPerson.Json), NpgsqlDbType.Jsonb, ct);
            await Copy.WriteNullableAsync(writer, encrypted[i].Id, NpgsqlDbType.Bytea, ct);
            await Copy.WriteNullableAsync(writer, row.IdIndex, NpgsqlDbType.Bytea, ct);
            await Copy.WriteNullableAsync(writer, encrypted[i].Phone, NpgsqlDbType.Bytea, ct);
            await writer.WriteAsync(row.Errors.Count == 0, NpgsqlDbType.Boolean, ct);
        }
        await writer.CompleteAsync(ct);
    }
}

/// <summary>Binary COPY helpers shared by the import slices.</summary>
internal static class Copy
{
    public static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) where T : class =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);

    public static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? writer.WriteAsync(v, type, ct) : writer.WriteNullAsync(ct);
}

internal static class PreviewPeopleImportEndpoint
{
    public static void MapPreviewPeopleImport(this IEndpointRouteBuilder api) =>
        api.MapPost("/people/imports", async (HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                var (organizationId, file) = await ReadFormAsync(http, ct);
                using var content = new MemoryStream((int)file.Length);
                await file.CopyToAsync(content, ct);
                return await mediator.Send(new PreviewPeopleImport(organizationId, file.FileName, content.ToArray()), ct);
            })
            .WithName("PreviewPeopleImport").WithSummary("上传人员 Excel，逐行校验并生成导入批次（预览，不入库）")
            .WithMetadata(new RequestSizeLimitAttribute(ImportFile.MaxBytes + 64 * 1024))
            .RequirePermission(PersonnelPermissions.Write);

    /// <summary>multipart/form-data with <c>file</c> and <c>organizationId</c>; anything else is a field error.</summary>
    private static async Task<(Guid OrganizationId, IFormFile File)> ReadFormAsync(HttpRequest http, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var form = http.HasFormContentType ? await http.ReadFormAsync(ct) : null;
        var file = form?.Files.GetFile("file");
        if (file is null) errors.Add("file", "validation.required");
        else if (file.Length > ImportFile.MaxBytes) throw ImportFile.Rejected("import_file_too_large", "import.file_too_large", ImportFile.MaxBytes / 1024 / 1024);
        if (!Guid.TryParse(form?["organizationId"].ToString(), out var organizationId)) errors.Add("organizationId", "validation.required");
        errors.ThrowIfAny();
        return (organizationId, file!);
    }
}
