using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
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

internal sealed class PreviewPeopleImportValidator : IValidator<PreviewPeopleImport>
{
    public void Validate(PreviewPeopleImport request, ValidationErrors errors)
    {
        if (request.OrganizationId == Guid.Empty) errors.Add("organizationId", "validation.required");
        errors.MaxLength("file", request.FileName, 255);
    }
}

/// <remarks>
/// 100,000 rows in a few seconds (docs/benchmarks.md): the sheet is read in one pass, each row is checked, encrypted and
/// blind-indexed on all cores, the batch is staged by one binary COPY of typed columns (which the commit inserts with one
/// INSERT … SELECT), and the register is asked once, set-based, for ID and employee numbers already taken.
/// </remarks>
internal sealed class PreviewPeopleImportHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, BlindIndex blindIndex, IClock clock,
    MessageCatalog messages) : IRequestHandler<PreviewPeopleImport, ImportPreview>
{
    private sealed class Row(SheetRow sheet)
    {
        public SheetRow Sheet { get; } = sheet;
        public List<FieldError> Errors { get; } = [.. sheet.CellErrors];
        public string? IdNumber { get; set; }
        public byte[]? IdIndex { get; set; }
        public byte[]? IdCipher { get; set; }
        public byte[]? PhoneCipher { get; set; }
        public string? EmployeeNumber => PersonWrites.Blank(Sheet.Basics.EmployeeNumber);
    }

    public async Task<ImportPreview> Handle(PreviewPeopleImport request, CancellationToken cancellationToken)
    {
        await PersonWrites.EnsureOrganizationWritableAsync(db, context, request.OrganizationId, cancellationToken);
        ImportFile.EnsureSafeXlsx(request.Content);
        var rules = await RuleBook.LoadAsync(db, cancellationToken);
        Row[] rows;
        try
        {
            rows = await CheckRowsAsync(request.Content, rules, cancellationToken);
        }
        catch (Exception e) when (ImportFile.IsMalformed(e))
        {
            throw ImportFile.NotXlsx();
        }
        ReportDuplicates(rows, r => r.IdNumber, "idNumber", "import.id_number_duplicate_in_file");
        ReportDuplicates(rows, r => r.EmployeeNumber, "employeeNumber", "import.employee_number_duplicate_in_file");
        await CheckAgainstRegisterAsync(rows, cancellationToken);

        var batchId = Guid.CreateVersion7();
        var errorCount = rows.Sum(r => r.Errors.Count);
        await db.ExecuteAsync("""
            insert into personnel.import_batch (id, organization_id, file_name, sha256, row_count, error_count, created_by)
            values (@batchId, @OrganizationId, @FileName, @sha256, @rowCount, @errorCount, @createdBy)
            """, new
            {
                batchId, request.OrganizationId, FileName = Path.GetFileName(request.FileName), sha256 = SHA256.HashData(request.Content),
                rowCount = rows.Length, errorCount, createdBy = context.Principal.UserId,
            }, cancellationToken);
        await StageRowsAsync(batchId, rows, cancellationToken);

        var errors = rows.SelectMany(r => r.Errors.Select(e => new ImportRowError(r.Sheet.RowNumber, e.Field, messages.FieldMessage(e, PersonnelModule.Schema))))
            .ToList();
        return new ImportPreview(batchId, rows.Length, rows.Count(r => r.Errors.Count == 0), errors);
    }

    /// <summary>
    /// Reads the sheet on this thread (XML is read in order) and hands it on in chunks to the other cores, which meanwhile
    /// parse each row, apply the single-person rules (a cell that could not be read is not reported twice), encrypt the ID
    /// number and phone, and blind-index valid ID numbers. The rows come back in sheet order.
    /// </summary>
    private async Task<Row[]> CheckRowsAsync(byte[] content, RuleSets rules, CancellationToken ct)
    {
        using var sheet = PeopleSheet.Open(content);
        if (sheet.MissingHeaders.Count > 0)
            throw ImportFile.Rejected("import_columns_missing", "import.columns_missing", string.Join("、", sheet.MissingHeaders));
        var today = clock.Today;
        var checkedChunks = new ConcurrentDictionary<int, Row[]>();
        var chunks = Channel.CreateBounded<(int Index, List<XlsxRow> Rows)>(16);
        var checkers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            await foreach (var (index, rows) in chunks.Reader.ReadAllAsync(ct))
                checkedChunks[index] = rows.Select(row => Check(sheet.Parse(row), today, rules)).ToArray();
        }, ct)).ToArray();
        var count = 0;
        try
        {
            var chunkIndex = 0;
            var chunk = new List<XlsxRow>(ChunkSize);
            foreach (var row in sheet.Rows)
            {
                if (count++ == ImportFile.MaxRows) throw ImportFile.TooManyRows();
                chunk.Add(row);
                if (chunk.Count < ChunkSize) continue;
                await chunks.Writer.WriteAsync((chunkIndex++, chunk), ct);
                chunk = new List<XlsxRow>(ChunkSize);
            }
            if (chunk.Count > 0) await chunks.Writer.WriteAsync((chunkIndex, chunk), ct);
        }
        finally
        {
            chunks.Writer.Complete();
            // Whatever happened, the checkers stop before the sheet they read is disposed.
            await Task.WhenAll(checkers).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        await Task.WhenAll(checkers); // a checker's own failure
        if (count == 0) throw ImportFile.Rejected("import_file_empty", "import.no_rows");
        return checkedChunks.OrderBy(c => c.Key).SelectMany(c => c.Value).ToArray();
    }

    private const int ChunkSize = 2_048;

    private Row Check(SheetRow sheetRow, DateOnly today, RuleSets rules)
    {
        var row = new Row(sheetRow);
        var b = sheetRow.Basics;
        var ruleErrors = new ValidationErrors();
        NewPersonRules.CheckBasics(b, sheetRow.PartyStatus, today, ruleErrors);
        if (sheetRow.PartyStatus is { } status && Domain.PartyStatus.All.Contains(status))
            NewPersonRules.CheckDates(b, status, sheetRow.Dates, today, rules, ruleErrors);
        row.Errors.AddRange(ruleErrors.All.Where(e => sheetRow.CellErrors.All(unreadable => unreadable.Field != e.Field)));
        if (b.IdNumber is { } id)
        {
            var normalized = Domain.IdNumber.Normalize(id);
            row.IdCipher = cipher.Encrypt(normalized);
            if (Domain.IdNumber.Parse(normalized) is not null)
            {
                row.IdNumber = normalized;
                row.IdIndex = blindIndex.Compute(IdNumber.IndexPurpose, normalized);
            }
        }
        if (PersonWrites.Blank(b.Phone) is { } phone) row.PhoneCipher = cipher.Encrypt(phone);
        return row;
    }

    private static void ReportDuplicates(Row[] rows, Func<Row, string?> key, string field, string messageKey)
    {
        foreach (var group in rows.Where(r => key(r) is not null).GroupBy(r => key(r)!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            foreach (var row in group)
                row.Errors.Add(new FieldError(field, messageKey,
                    [string.Join("、", group.Where(other => other != row).Select(other => other.Sheet.RowNumber))]));
    }

    /// <summary>ID numbers (through the blind index) and employee numbers already in the register: one query for the whole file.</summary>
    private async Task CheckAgainstRegisterAsync(Row[] rows, CancellationToken ct)
    {
        var indexes = rows.Where(r => r.IdIndex is not null).Select(r => r.IdIndex!).ToArray();
        var employeeNumbers = rows.Select(r => r.EmployeeNumber).OfType<string>().Distinct().ToArray();
        using var grid = await db.QueryMultipleAsync("""
            select id_number_index from personnel.person where id_number_index = any(@indexes);
            select employee_number from personnel.person where employee_number = any(@employeeNumbers);
            """, new { indexes, employeeNumbers }, ct);
        var takenIds = (await grid.ReadAsync<byte[]>()).Select(Convert.ToHexString).ToHashSet();
        var takenEmployeeNumbers = (await grid.ReadAsync<string>()).ToHashSet();
        if (takenIds.Count == 0 && takenEmployeeNumbers.Count == 0) return;
        foreach (var row in rows)
        {
            if (row.IdIndex is { } index && takenIds.Contains(Convert.ToHexString(index))) row.Errors.Add(new FieldError("idNumber", "person.id_number_taken", []));
            if (row.EmployeeNumber is { } employee && takenEmployeeNumbers.Contains(employee))
                row.Errors.Add(new FieldError("employeeNumber", "person.employee_number_taken", []));
        }
    }

    /// <summary>
    /// All rows by one binary COPY in the command's transaction, in the columns the register will hold (the ID number and
    /// phone only as SM4-GCM ciphertext). Each row gets the id its person will have, so that the commit is one INSERT … SELECT.
    /// </summary>
    private async Task StageRowsAsync(Guid batchId, Row[] rows, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        await using var writer = await connection.BeginBinaryImportAsync("""
            copy personnel.import_row (batch_id, row_number, person_id, name, gender, birth_date, ethnicity, education, native_place,
                employee_number, department, party_status, applied_on, activist_on, candidate_on, joined_on, converted_on, status_since,
                id_number_cipher, id_number_index, phone_cipher, valid) from stdin (format binary)
            """, ct);
        foreach (var row in rows)
        {
            var b = row.Sheet.Basics;
            var d = row.Sheet.Dates;
            var status = row.Sheet.PartyStatus;
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(batchId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(row.Sheet.RowNumber, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
            await Copy.WriteNullableAsync(writer, PersonWrites.Blank(b.Name), NpgsqlDbType.Text, ct);
            await Copy.WriteNullableAsync(writer, b.Gender, NpgsqlDbType.Text, ct);
            await Copy.WriteNullableAsync(writer, b.BirthDate, NpgsqlDbType.Date, ct);
            await Copy.WriteNullableAsync(writer, b.Ethnicity, NpgsqlDbType.Text, ct);
            await Copy.WriteNullableAsync(writer, PersonWrites.Blank(b.Education), NpgsqlDbType.Text, ct);
            await Copy.WriteNullableAsync(writer, PersonWrites.Blank(b.NativePlace), NpgsqlDbType.Text, ct);
            await Copy.WriteNullableAsync(writer, row.EmployeeNumber, NpgsqlDbType.Text, ct);
            await Copy.WriteNullableAsync(writer, PersonWrites.Blank(b.Department), NpgsqlDbType.Text, ct);
            await Copy.WriteNullableAsync(writer, status, NpgsqlDbType.Text, ct);
            foreach (var date in new[] { d.AppliedOn, d.ActivistOn, d.CandidateOn, d.JoinedOn, d.ConvertedOn })
                await Copy.WriteNullableAsync(writer, date, NpgsqlDbType.Date, ct);
            // Null: the date of the commit (a status without a recorded date started when the person entered the register).
            await Copy.WriteNullableAsync(writer, status is null ? null : PartyDatesRules.DateOfStatus(status, d), NpgsqlDbType.Date, ct);
            await Copy.WriteNullableAsync(writer, row.IdCipher, NpgsqlDbType.Bytea, ct);
            await Copy.WriteNullableAsync(writer, row.IdIndex, NpgsqlDbType.Bytea, ct);
            await Copy.WriteNullableAsync(writer, row.PhoneCipher, NpgsqlDbType.Bytea, ct);
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
