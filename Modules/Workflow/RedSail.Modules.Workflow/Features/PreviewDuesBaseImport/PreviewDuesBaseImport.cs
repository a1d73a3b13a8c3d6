using Microsoft.AspNetCore.Mvc;
using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Dues;

namespace RedSail.Modules.Workflow.Features.PreviewDuesBaseImport;

/// <summary>
/// Reads a filled-in base sheet (<see cref="DownloadDuesTemplate"/>) for a branch and checks every row: the person is on the
/// branch's roster and appears once, the category is known, the base is money. The valid rows wait in a batch; nothing is
/// applied until the commit, which a batch with any error never gets (all or nothing).
/// </summary>
internal sealed record PreviewDuesBaseImport(Guid OrganizationId, DateOnly? BaseFrom, string FileName, byte[] Content) : ICommand<DuesImportPreview>
{
    public string AuditAction => "workflow.dues.base_import.preview";
    public AuditTarget AuditTarget => new("dues_import_batch", null, OrganizationId.ToString());
}

internal sealed record DuesImportPreview(Guid BatchId, int Rows, int Valid, IReadOnlyList<DuesImportRowError> Errors) : IAuditedResult
{
    AuditTarget? IAuditedResult.AuditTarget => new("dues_import_batch", BatchId.ToString());
}

internal sealed record DuesImportRowError(int Row, string Field, string Message);

internal sealed class PreviewDuesBaseImportValidator(IClock clock) : IValidator<PreviewDuesBaseImport>
{
    public void Validate(PreviewDuesBaseImport request, ValidationErrors errors)
    {
        if (request.OrganizationId == Guid.Empty) errors.Add("organizationId", "validation.required");
        errors.Month("baseFrom", request.BaseFrom, clock.Today).MaxLength("file", request.FileName, 255);
    }
}

internal sealed class PreviewDuesBaseImportHandler(WorkflowDb db, RequestContext context, MessageCatalog messages)
    : IRequestHandler<PreviewDuesBaseImport, DuesImportPreview>
{
    private sealed record Parsed(int Row, Guid? PersonId, string? Category, decimal? Base, List<FieldError> Errors);

    public async Task<DuesImportPreview> Handle(PreviewDuesBaseImport request, CancellationToken cancellationToken)
    {
        var branch = await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Write, request.OrganizationId, cancellationToken);
        DuesSheet.EnsureSafe(request.Content);
        var roster = (await db.QueryAsync<Guid>("""
            select id from workflow.person
            where organization_id = @id and party_status in ('probationary', 'full_member') and relation <> 'transferred_out'
            """, new { id = branch.Id }, cancellationToken)).ToHashSet();
        var rows = Parse(request.Content, roster);
        var batchId = Guid.CreateVersion7();
        var valid = rows.Where(r => r.Errors.Count == 0).ToList();
        await db.ExecuteAsync("""
            insert into workflow.dues_import_batch (id, organization_id, from_month, file_name, row_count, error_count, created_by)
            values (@batchId, @organizationId, @from, @fileName, @rowCount, @errorCount, @createdBy);
            insert into workflow.dues_import_row (batch_id, row_number, person_id, category, base)
            select @batchId, * from unnest(@numbers, @people, @categories, @bases);
            """, new
        {
            batchId, organizationId = branch.Id, from = DuesCalculation.MonthOf(request.BaseFrom!.Value), fileName = Path.GetFileName(request.FileName),
            rowCount = rows.Count, errorCount = rows.Sum(r => r.Errors.Count), createdBy = context.Principal.UserId,
            numbers = valid.Select(r => r.Row).ToArray(), people = valid.Select(r => r.PersonId!.Value).ToArray(),
            categories = valid.Select(r => r.Category!).ToArray(), bases = valid.Select(r => r.Base!.Value).ToArray(),
        }, cancellationToken);
        return new DuesImportPreview(batchId, rows.Count, valid.Count,
            rows.SelectMany(r => r.Errors.Select(e => new DuesImportRowError(r.Row, e.Field, messages.FieldMessage(e, WorkflowModule.Schema)))).ToList());
    }

    /// <summary>The data rows under the header row, each checked on its own, then duplicates of a person across rows.</summary>
    private static List<Parsed> Parse(byte[] content, HashSet<Guid> roster)
    {
        List<XlsxRow> sheet;
        try { sheet = XlsxReader.ReadFirstSheet(content).Take(DuesSheet.MaxRows + 2).ToList(); }
        catch (InvalidDataException) { throw DuesSheet.Rejected("import_file_not_xlsx", "import.file_not_xlsx"); }
        if (sheet.Count > DuesSheet.MaxRows + 1) throw DuesSheet.Rejected("import_too_many_rows", "import.too_many_rows", DuesSheet.MaxRows);
        var header = sheet.FirstOrDefault()?.Cells.Select(DuesSheet.Text).ToList() ?? [];
        int Column(string name) => header.IndexOf(name);
        var (idColumn, categoryColumn, baseColumn) = (Column(DuesSheet.PersonIdHeader), Column(DuesSheet.CategoryHeader), Column(DuesSheet.BaseHeader));
        var missing = new[] { (idColumn, DuesSheet.PersonIdHeader), (categoryColumn, DuesSheet.CategoryHeader), (baseColumn, DuesSheet.BaseHeader) }
            .Where(c => c.Item1 < 0).Select(c => c.Item2).ToList();
        if (missing.Count > 0) throw DuesSheet.Rejected("import_columns_missing", "import.columns_missing", string.Join("、", missing));
        if (sheet.Count < 2) throw DuesSheet.Rejected("import_file_empty", "import.no_rows");

        object? At(XlsxRow row, int column) => column < row.Cells.Length ? row.Cells[column] : null;
        var parsed = sheet.Skip(1).Select(row =>
        {
            var errors = new ValidationErrors();
            Guid? personId = Guid.TryParse(DuesSheet.Text(At(row, idColumn)), out var id) ? id : null;
            if (personId is null || !roster.Contains(personId.Value)) errors.Add("personId", "workflow.dues.import_person_unknown");
            var categoryText = DuesSheet.Text(At(row, categoryColumn));
            var category = DuesSheet.Category(categoryText);
            if (categoryText is null) errors.Add("duesCategory", "validation.required");
            else if (category is null) errors.Add("duesCategory", "workflow.dues.category_invalid");
            var monthlyBase = DuesSheet.Money(At(row, baseColumn));
            if (At(row, baseColumn) is not null && monthlyBase is null) errors.Add("duesBase", "workflow.dues.money_invalid");
            else errors.Money("duesBase", monthlyBase);
            return new Parsed(row.Number, personId, category, monthlyBase, [.. errors.All]);
        }).ToList();
        foreach (var group in parsed.Where(p => p.PersonId is not null).GroupBy(p => p.PersonId).Where(g => g.Count() > 1))
            foreach (var row in group)
                row.Errors.Add(new FieldError("personId", "workflow.dues.import_person_repeated",
                    [string.Join("、", group.Where(o => o != row).Select(o => o.Row))]));
        return parsed;
    }
}

internal static class PreviewDuesBaseImportEndpoint
{
    public static void MapPreviewDuesBaseImport(this IEndpointRouteBuilder api) =>
        api.MapPost("/dues/base-imports", async (HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                var errors = new ValidationErrors();
                var form = http.HasFormContentType ? await http.ReadFormAsync(ct) : null;
                var file = form?.Files.GetFile("file");
                if (file is null) errors.Add("file", "validation.required");
                else if (file.Length > DuesSheet.MaxBytes) throw DuesSheet.Rejected("import_file_too_large", "import.file_too_large", DuesSheet.MaxBytes / 1024 / 1024);
                if (!Guid.TryParse(form?["organizationId"].ToString(), out var organizationId)) errors.Add("organizationId", "validation.required");
                DateOnly? baseFrom = DateOnly.TryParse(form?["baseFrom"].ToString(), out var parsed) ? parsed : null;
                errors.ThrowIfAny();
                using var content = new MemoryStream((int)file!.Length);
                await file.CopyToAsync(content, ct);
                return await mediator.Send(new PreviewDuesBaseImport(organizationId, baseFrom, file.FileName, content.ToArray()), ct);
            })
            .WithName("PreviewDuesBaseImport").WithSummary("上传党费基数 Excel，逐行校验（预览，不生效）")
            .WithMetadata(new RequestSizeLimitAttribute(DuesSheet.MaxBytes + 64 * 1024))
            .RequirePermission(WorkflowPermissions.Write);
}
