using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using NpgsqlTypes;
using RedSail.BuildingBlocks.Localization;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;
using RedSail.Modules.Personnel.Features.PreviewPeopleImport;

namespace RedSail.Modules.Personnel.Features.PreviewRecordsImport;

/// <summary>
/// Reads an uploaded sheet of one information set's entries (education, family members …) into a batch and checks every
/// row: the ID number names a person inside the caller's write scope, the set's field rules, and for the single-entry
/// sets (traits, united-front category) one current entry per person, in the file and in the register. Nothing enters
/// the register here; a batch without errors is staged for its commit.
/// </summary>
internal sealed record PreviewRecordsImport(string? Set, string FileName, byte[] Content) : ICommand<RecordsImportPreview>
{
    public string AuditAction => "personnel.records.import.preview";
    public AuditTarget AuditTarget => new("record_import_batch", null);
}

/// <summary>The batch, its number of data rows, how many are valid, and every error (row as Excel numbers it, column header, message): the people import's shape.</summary>
internal sealed record RecordsImportPreview(Guid BatchId, int Rows, int Valid, IReadOnlyList<ImportRowError> Errors) : IAuditedResult
{
    AuditTarget? IAuditedResult.AuditTarget => new("record_import_batch", BatchId.ToString());
}

internal sealed class PreviewRecordsImportValidator : IValidator<PreviewRecordsImport>
{
    public void Validate(PreviewRecordsImport request, ValidationErrors errors)
    {
        RecordsSheet.ImportableSet(request.Set, errors);
        errors.MaxLength("file", request.FileName, 255);
    }
}

internal sealed class PreviewRecordsImportHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, BlindIndex blindIndex, IClock clock,
    MessageCatalog messages) : IRequestHandler<PreviewRecordsImport, RecordsImportPreview>
{
    private sealed class Row(int number)
    {
        public int Number { get; } = number;
        public List<FieldError> Errors { get; } = [];
        public string? IdNumber { get; set; }
        public byte[]? IdIndex { get; set; }
        public Guid? PersonId { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public Dictionary<string, string> Values { get; set; } = [];
    }

    private sealed class FoundPerson
    {
        public Guid Id { get; init; }
        public byte[] IdNumberIndex { get; init; } = [];
        public bool HasCurrentEntry { get; init; }
    }

    public async Task<RecordsImportPreview> Handle(PreviewRecordsImport request, CancellationToken cancellationToken)
    {
        var set = InformationSets.Find(request.Set)!;
        ImportFile.EnsureSafeXlsx(request.Content);
        var columns = RecordsSheet.Columns(set, messages);
        List<Row> rows;
        try
        {
            rows = CheckRows(set, columns, request.Content);
        }
        catch (Exception e) when (ImportFile.IsMalformed(e))
        {
            throw ImportFile.NotXlsx();
        }
        await FindPeopleAsync(set, rows, cancellationToken);
        if (set.SingleCurrent) ReportSecondCurrentEntries(set, rows);

        var batchId = Guid.CreateVersion7();
        var errorCount = rows.Sum(r => r.Errors.Count);
        await db.ExecuteAsync("""
            insert into personnel.record_import_batch (id, set_kind, file_name, sha256, row_count, error_count, created_by)
            values (@batchId, @set, @fileName, @sha256, @rowCount, @errorCount, @createdBy)
            """, new
            {
                batchId, set = set.Kind, fileName = Path.GetFileName(request.FileName), sha256 = SHA256.HashData(request.Content),
                rowCount = rows.Count, errorCount, createdBy = context.Principal.UserId,
            }, cancellationToken);
        // Only a batch that can be committed is staged: a batch with errors is fixed and uploaded again, never resumed.
        if (errorCount == 0) await StageAsync(batchId, set, rows, cancellationToken);

        var headers = columns.ToDictionary(c => c.Field, c => c.Header);
        var errors = rows.SelectMany(r => r.Errors.Select(e =>
                new ImportRowError(r.Number, headers.GetValueOrDefault(e.Field, e.Field), messages.FieldMessage(e, PersonnelModule.Schema))))
            .ToList();
        return new RecordsImportPreview(batchId, rows.Count, rows.Count(r => r.Errors.Count == 0), errors);
    }

    /// <summary>Each row against the ID number's form and the set's rules (a cell that could not be read is not reported twice).</summary>
    private List<Row> CheckRows(InformationSet set, IReadOnlyList<RecordColumn> columns, byte[] content)
    {
        var today = clock.Today;
        var rows = new List<Row>();
        foreach (var (number, cells) in RecordsSheet.Read(content, columns))
        {
            if (rows.Count == ImportFile.MaxRows) throw ImportFile.TooManyRows();
            var row = new Row(number);
            rows.Add(row);
            var id = SheetCells.Text(cells[RecordsSheet.IdNumber]);
            if (id is null) row.Errors.Add(new FieldError(RecordsSheet.IdNumber, "validation.required", []));
            else if (IdNumber.Parse(IdNumber.Normalize(id)) is null) row.Errors.Add(new FieldError(RecordsSheet.IdNumber, "person.id_number_invalid", []));
            else row.IdNumber = IdNumber.Normalize(id);

            var values = new Dictionary<string, JsonElement>();
            foreach (var column in columns.Where(c => c.SetField is not null))
                if (SheetCells.Text(cells[column.Field]) is { } text)
                    values[column.SetField!.Name] = JsonSerializer.SerializeToElement(
                        column.SetField.Kind == SetFieldKind.Code ? RecordsSheet.Code(column.SetField, text) : text);
            row.From = Date(row, cells, RecordsSheet.ValidFrom);
            row.To = Date(row, cells, RecordsSheet.ValidTo);
            var ruleErrors = new ValidationErrors();
            row.Values = InformationSets.Check(set, values, row.From, row.To, today, ruleErrors);
            row.Errors.AddRange(ruleErrors.All.Where(e => row.Errors.All(unreadable => unreadable.Field != e.Field)));
        }
        if (rows.Count == 0) throw ImportFile.Rejected("import_file_empty", "import.no_rows");
        return rows;
    }

    private static DateOnly? Date(Row row, Dictionary<string, object?> cells, string field)
    {
        if (!cells.TryGetValue(field, out var cell)) return null;
        if (SheetCells.TryDate(cell, out var date, out var text)) return date;
        row.Errors.Add(new FieldError(field, "import.date_invalid", [text!]));
        return null;
    }

    /// <summary>
    /// The people of the file's ID numbers (through the blind index) inside the caller's write scope, with whether they
    /// have a current entry of a single-entry set: one query for the whole file. A person outside the scope is "not found",
    /// exactly like a person who does not exist.
    /// </summary>
    private async Task FindPeopleAsync(InformationSet set, List<Row> rows, CancellationToken ct)
    {
        Parallel.ForEach(rows.Where(r => r.IdNumber is not null), r => r.IdIndex = blindIndex.Compute(IdNumber.IndexPurpose, r.IdNumber!));
        var indexes = rows.Where(r => r.IdIndex is not null).Select(r => r.IdIndex!).ToArray();
        var found = (await db.QueryAsync<FoundPerson>($"""
            select p.id, p.id_number_index,
                @single and exists (select 1 from personnel.person_record r
                                    where r.person_id = p.id and r.set_kind = @set and r.removed_at is null and r.valid_to is null) as has_current_entry
            from personnel.person p join personnel.organization o on o.id = p.organization_id
            where p.id_number_index = any(@indexes) and {PersonnelScope.Within("o")}
            """, PersonnelScope.Parameters(context.Principal.ScopeFor(PersonnelPermissions.Write),
                new { indexes, set = set.Kind, single = set.SingleCurrent }), ct))
            .ToDictionary(p => Convert.ToHexString(p.IdNumberIndex));
        var setName = messages.Get($"recordsimport.set.{set.Kind}");
        foreach (var row in rows.Where(r => r.IdIndex is not null))
        {
            if (!found.TryGetValue(Convert.ToHexString(row.IdIndex!), out var person))
            {
                row.Errors.Add(new FieldError(RecordsSheet.IdNumber, "recordsimport.person_not_found", []));
                continue;
            }
            row.PersonId = person.Id;
            if (person.HasCurrentEntry && row.To is null)
                row.Errors.Add(new FieldError(RecordsSheet.IdNumber, "recordsimport.current_entry_exists", [setName]));
        }
    }

    /// <summary>A single-entry set allows one current entry per person: two current rows for the same person are both reported.</summary>
    private void ReportSecondCurrentEntries(InformationSet set, List<Row> rows)
    {
        var setName = messages.Get($"recordsimport.set.{set.Kind}");
        foreach (var group in rows.Where(r => r.IdNumber is not null && r.To is null).GroupBy(r => r.IdNumber!).Where(g => g.Count() > 1))
            foreach (var row in group)
                row.Errors.Add(new FieldError(RecordsSheet.IdNumber, "recordsimport.current_entry_in_file",
                    [setName, string.Join("、", group.Where(other => other != row).Select(other => other.Number))]));
    }

    /// <summary>All rows by binary COPY, as person_record will hold them (PersonRecords.Split: sensitive values only encrypted).</summary>
    private async Task StageAsync(Guid batchId, InformationSet set, List<Row> rows, CancellationToken ct)
    {
        var stored = new (string Data, byte[]? Secret, string? SearchText)[rows.Count];
        Parallel.For(0, rows.Count, i => stored[i] = PersonRecords.Split(set, rows[i].Values, cipher));
        var connection = await db.ConnectionAsync(ct);
        await using var writer = await connection.BeginBinaryImportAsync("""
            copy personnel.record_import_row (batch_id, row_number, record_id, person_id, valid_from, valid_to, data, secret, search_text)
            from stdin (format binary)
            """, ct);
        for (var i = 0; i < rows.Count; i++)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(batchId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(rows[i].Number, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(rows[i].PersonId!.Value, NpgsqlDbType.Uuid, ct);
            await Copy.WriteNullableAsync(writer, rows[i].From, NpgsqlDbType.Date, ct);
            await Copy.WriteNullableAsync(writer, rows[i].To, NpgsqlDbType.Date, ct);
            await writer.WriteAsync(stored[i].Data, NpgsqlDbType.Jsonb, ct);
            await Copy.WriteNullableAsync(writer, stored[i].Secret, NpgsqlDbType.Bytea, ct);
            await Copy.WriteNullableAsync(writer, stored[i].SearchText, NpgsqlDbType.Text, ct);
        }
        await writer.CompleteAsync(ct);
    }
}

internal static class PreviewRecordsImportEndpoint
{
    public static void MapPreviewRecordsImport(this IEndpointRouteBuilder api) =>
        api.MapPost("/records/imports", async (HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                var (set, file) = await ReadFormAsync(http, ct);
                using var content = new MemoryStream((int)file.Length);
                await file.CopyToAsync(content, ct);
                return await mediator.Send(new PreviewRecordsImport(set, file.FileName, content.ToArray()), ct);
            })
            .WithName("PreviewRecordsImport").WithSummary("上传信息集条目 Excel（学历学位、家庭成员等），逐行校验并生成导入批次（预览，不入库）")
            .WithMetadata(new RequestSizeLimitAttribute(ImportFile.MaxBytes + 64 * 1024))
            .RequirePermission(PersonnelPermissions.Write);

    /// <summary>multipart/form-data with <c>file</c> and <c>set</c>; a missing file is a field error (the set is the validator's).</summary>
    private static async Task<(string? Set, IFormFile File)> ReadFormAsync(HttpRequest http, CancellationToken ct)
    {
        var form = http.HasFormContentType ? await http.ReadFormAsync(ct) : null;
        var file = form?.Files.GetFile("file");
        if (file is null) new ValidationErrors().Add("file", "validation.required").ThrowIfAny();
        if (file!.Length > ImportFile.MaxBytes) throw ImportFile.Rejected("import_file_too_large", "import.file_too_large", ImportFile.MaxBytes / 1024 / 1024);
        return (form!["set"].ToString(), file);
    }
}
