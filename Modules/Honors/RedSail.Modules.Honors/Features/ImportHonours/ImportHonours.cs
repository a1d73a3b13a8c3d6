using Microsoft.AspNetCore.Mvc;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.ImportHonours;

/// <summary>
/// The committee's import of an honour sheet (<see cref="HonourSheet"/>): the preview lists every row with what is wrong
/// with it; the commit sends the same file again and records all its rows as approved honours (HonourApproved each) — or,
/// if any row is wrong, nothing at all.
/// </summary>
internal sealed record PreviewHonourImport(byte[] Content) : IQuery<HonourImportPreview>;

internal sealed record HonourImportPreview(int Rows, int Valid, IReadOnlyList<ImportRowError> Errors);

internal sealed record CommitHonourImport(string FileName, byte[] Content) : ICommand<CommittedHonourImport>
{
    public string AuditAction => "honors.honours.import";
    public AuditTarget AuditTarget => new("honour_import", FileName);
}

internal sealed record CommittedHonourImport(int Imported) : IAuditedResult
{
    AuditTarget? IAuditedResult.AuditTarget => null;
}

internal sealed class PreviewHonourImportHandler(HonourImport import) : IRequestHandler<PreviewHonourImport, HonourImportPreview>
{
    public async Task<HonourImportPreview> Handle(PreviewHonourImport request, CancellationToken cancellationToken)
    {
        var rows = await import.ReadAsync(request.Content, cancellationToken);
        return new HonourImportPreview(rows.Count, rows.Count(r => r.Errors.Count == 0), import.Describe(rows));
    }
}

internal sealed class CommitHonourImportHandler(HonorsDb db, RequestContext context, HonourImport import)
    : IRequestHandler<CommitHonourImport, CommittedHonourImport>
{
    public async Task<CommittedHonourImport> Handle(CommitHonourImport request, CancellationToken cancellationToken)
    {
        var rows = await import.ReadAsync(request.Content, cancellationToken);
        var errors = rows.Sum(r => r.Errors.Count);
        if (errors > 0) throw new RuleViolationException("import_has_errors", "import.has_errors", errors);
        var honours = rows.Select(r => new HonourRow
        {
            Id = Guid.CreateVersion7(), OrganizationId = r.OrganizationId!.Value, PersonId = r.PersonId, Type = r.HonourType!, Level = r.HonourLevel!,
            Title = r.Title!, AwardedOn = r.AwardedOn!.Value,
        }).ToList();
        await db.ExecuteAsync("""
            insert into honors.honour (id, organization_id, person_id, type, level, title, conferring_body, awarded_on, document_number, status,
                                       proposed_by, decided_by, decided_at)
            select id, organization_id, person_id, type, level, title, conferring_body, awarded_on, document_number, 'approved', @by, @by, now()
            from unnest(@ids, @organizations, @people, @types, @levels, @titles, @bodies, @dates, @numbers)
                as r(id, organization_id, person_id, type, level, title, conferring_body, awarded_on, document_number);
            insert into honors.honour_history (honour_id, action, acted_by) select unnest(@ids), 'imported', @by;
            """, new
        {
            ids = honours.Select(h => h.Id).ToArray(), organizations = honours.Select(h => h.OrganizationId).ToArray(),
            people = honours.Select(h => h.PersonId).ToArray(), types = honours.Select(h => h.Type).ToArray(),
            levels = honours.Select(h => h.Level).ToArray(), titles = honours.Select(h => h.Title).ToArray(),
            bodies = rows.Select(r => r.ConferringBody!).ToArray(), dates = honours.Select(h => h.AwardedOn).ToArray(),
            numbers = rows.Select(r => r.DocumentNumber).ToArray(), by = context.Principal.UserId,
        }, cancellationToken);
        await db.PublishAsync(honours.Select(h => (RedSail.BuildingBlocks.Events.IntegrationEvent)HonourAccess.Approved(h)).ToList(), cancellationToken);
        return new CommittedHonourImport(honours.Count);
    }
}

internal static class ImportHonoursEndpoint
{
    public static void MapImportHonours(this IEndpointRouteBuilder api)
    {
        api.MapPost("/honours/import/preview", async (HttpRequest http, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new PreviewHonourImport((await ReadFileAsync(http, ct)).Content), ct))
            .WithName("PreviewHonourImport").WithSummary("荣誉导入预览：逐行校验，列出错误行及原因（不写入）")
            .WithMetadata(new RequestSizeLimitAttribute(HonourSheet.MaxBytes + 64 * 1024))
            .RequirePermission(HonorsPermissions.Approve);
        api.MapPost("/honours/import", async (HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                var (name, content) = await ReadFileAsync(http, ct);
                return await mediator.Send(new CommitHonourImport(name, content), ct);
            })
            .WithName("CommitHonourImport").WithSummary("荣誉导入：全部行无误时整体入库（审核通过），有任何错误则不写入")
            .WithMetadata(new RequestSizeLimitAttribute(HonourSheet.MaxBytes + 64 * 1024))
            .RequirePermission(HonorsPermissions.Approve);
    }

    private static async Task<(string Name, byte[] Content)> ReadFileAsync(HttpRequest http, CancellationToken ct)
    {
        var (name, content) = await UploadedForm.ReadAsync(http, HonourSheet.MaxBytes,
            _ => XlsxUpload.Rejected("import_file_too_large", "import.file_too_large", HonourSheet.MaxBytes / 1024 / 1024), ct);
        return (Path.GetFileName(name), content);
    }
}
