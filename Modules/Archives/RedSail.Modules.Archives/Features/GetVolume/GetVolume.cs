using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.ListVolumes;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.Modules.Archives.Features.GetVolume;

/// <summary>A volume with its table of contents: the documents the caller may see, in order (the others are left out, not named).</summary>
internal sealed record GetVolume(Guid VolumeId) : IQuery<VolumeDetail>;

internal sealed record VolumeDetail(VolumeSummary Volume, IReadOnlyList<VolumeItemView> Items);

internal sealed class VolumeItemView
{
    public Guid DocumentId { get; init; }
    public int Position { get; init; }
    public string? SectionHeading { get; init; }
    public string Title { get; init; } = "";
    public string? DocNumber { get; init; }
    public DateOnly IssuedOn { get; init; }
    public string IssuingBody { get; init; } = "";
    public int SecurityLevel { get; init; }
}

internal sealed class GetVolumeHandler(ArchivesDb db, RequestContext context) : IRequestHandler<GetVolume, VolumeDetail>
{
    public async Task<VolumeDetail> Handle(GetVolume request, CancellationToken cancellationToken)
    {
        using var grid = await db.QueryMultipleAsync($"""
            select v.id, v.title, v.subtitle, v.compiled_by, v.year, v.description, v.featured, v.cover is not null as has_cover,
                   {VolumeAccess.EffectiveLevel}::int as security_level, (select count(*) {VolumeAccess.VisibleItems}) as item_count, v.version, v.recorded_at
            from archives.volume v where v.id = @volumeId and {VolumeAccess.Readable};
            select x.* from archives.volume v cross join lateral (
                select i.document_id, i.position, i.section_heading, d.title, d.doc_number, d.issued_on, d.issuing_body, d.security_level::int as security_level
                {VolumeAccess.VisibleItems}) x
            where v.id = @volumeId and {VolumeAccess.Readable}
            order by x.position;
            """, ArchivesScope.Parameters(context, new { volumeId = request.VolumeId }), cancellationToken);
        var volume = await grid.ReadSingleOrDefaultAsync<VolumeSummary>() ?? throw new NotFoundException("volume", request.VolumeId.ToString());
        return new VolumeDetail(volume, (await grid.ReadAsync<VolumeItemView>()).ToList());
    }
}

internal static class GetVolumeEndpoint
{
    public static void MapGetVolume(this IEndpointRouteBuilder api) =>
        api.MapGet("/volumes/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetVolume(id), ct))
            .WithName("GetVolume").WithSummary("汇编册详情与目录（仅列出本人有权查看的文件）")
            .RequirePermission(ArchivesPermissions.Read);
}
