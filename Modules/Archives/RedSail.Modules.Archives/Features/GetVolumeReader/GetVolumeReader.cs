using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.Modules.Archives.Features.GetVolumeReader;

/// <summary>
/// One page of a volume read as an e-book (<see cref="ReaderLayout"/>), with the page count and the table of contents with the
/// page each document starts on — laid out over the documents the caller may see. A page past the end is the last page.
/// </summary>
internal sealed record GetVolumeReader(Guid VolumeId, int Page) : IQuery<VolumeReaderPage>;

internal sealed record VolumeReaderPage(Guid VolumeId, string Title, string? Subtitle, string? CompiledBy, int Year, string? Description, bool HasCover,
    long Version, int TotalPages, IReadOnlyList<TocEntry> Toc, ReaderPageContent Page);

internal sealed class ReaderVolume
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string? Subtitle { get; init; }
    public string? CompiledBy { get; init; }
    public int Year { get; init; }
    public string? Description { get; init; }
    public bool HasCover { get; init; }
    public long Version { get; init; }
}

internal sealed class GetVolumeReaderHandler(ArchivesDb db, RequestContext context) : IRequestHandler<GetVolumeReader, VolumeReaderPage>
{
    public async Task<VolumeReaderPage> Handle(GetVolumeReader request, CancellationToken cancellationToken)
    {
        // A document's text: its current files' extracted text (the latest version of each file name), else its summary.
        using var grid = await db.QueryMultipleAsync($"""
            select v.id, v.title, v.subtitle, v.compiled_by, v.year, v.description, v.cover is not null as has_cover, v.version
            from archives.volume v where v.id = @volumeId and {VolumeAccess.Readable};
            select x.* from archives.volume v cross join lateral (
                select i.document_id, i.section_heading, d.title, d.doc_number, d.issued_on, d.issuing_body, d.summary, i.position,
                       (select string_agg(f.extracted_text, E'\n' order by f.file_name) from archives.document_file f
                        where f.document_id = d.id and f.removed_at is null and f.extraction_status = 'done' and f.extracted_text <> ''
                          and f.file_version = (select max(g.file_version) from archives.document_file g
                                                where g.document_id = f.document_id and g.file_name = f.file_name and g.removed_at is null)) as files_text
                {VolumeAccess.VisibleItems}) x
            where v.id = @volumeId and {VolumeAccess.Readable}
            order by x.position;
            """, ArchivesScope.Parameters(context, new { volumeId = request.VolumeId }), cancellationToken);
        var volume = await grid.ReadSingleOrDefaultAsync<ReaderVolume>() ?? throw new NotFoundException("volume", request.VolumeId.ToString());
        var layout = new ReaderLayout((await grid.ReadAsync<LayoutDocument>()).ToList());
        var page = layout.Page(Math.Clamp(request.Page, 1, layout.TotalPages));
        return new VolumeReaderPage(volume.Id, volume.Title, volume.Subtitle, volume.CompiledBy, volume.Year, volume.Description, volume.HasCover,
            volume.Version, layout.TotalPages, layout.Toc, page);
    }
}

internal static class GetVolumeReaderEndpoint
{
    public static void MapGetVolumeReader(this IEndpointRouteBuilder api) =>
        api.MapGet("/volumes/{id:guid}/reader", (Guid id, int? page, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetVolumeReader(id, page ?? 1), ct))
            .WithName("GetVolumeReader").WithSummary("电子书阅读：封面、目录、各文件标题与正文按页排版（约 1200 字一页），返回指定页与目录页码")
            .RequirePermission(ArchivesPermissions.Read);
}
