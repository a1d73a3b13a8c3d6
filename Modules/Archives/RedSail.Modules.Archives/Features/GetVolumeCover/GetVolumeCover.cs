using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.Modules.Archives.Features.GetVolumeCover;

/// <summary>A volume's cover picture, for whoever may open the volume (404 when it has none).</summary>
internal sealed record GetVolumeCover(Guid VolumeId) : IQuery<VolumeCover>;

internal sealed class VolumeCover
{
    public byte[] Cover { get; init; } = [];
    public string CoverContentType { get; init; } = "";
}

internal sealed class GetVolumeCoverHandler(ArchivesDb db, RequestContext context) : IRequestHandler<GetVolumeCover, VolumeCover>
{
    public async Task<VolumeCover> Handle(GetVolumeCover request, CancellationToken cancellationToken) =>
        await db.QuerySingleOrDefaultAsync<VolumeCover>(
            $"select v.cover, v.cover_content_type from archives.volume v where v.id = @volumeId and v.cover is not null and {VolumeAccess.Readable}",
            ArchivesScope.Parameters(context, new { volumeId = request.VolumeId }), cancellationToken)
        ?? throw new NotFoundException("volume_cover", request.VolumeId.ToString());
}

internal static class GetVolumeCoverEndpoint
{
    public static void MapGetVolumeCover(this IEndpointRouteBuilder api) =>
        api.MapGet("/volumes/{id:guid}/cover", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                var cover = await mediator.Send(new GetVolumeCover(id), ct);
                return Results.File(cover.Cover, cover.CoverContentType);
            })
            .WithName("GetVolumeCover").WithSummary("汇编册封面图片")
            .RequirePermission(ArchivesPermissions.Read);
}
