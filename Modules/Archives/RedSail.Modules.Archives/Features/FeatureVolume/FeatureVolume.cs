using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.Modules.Archives.Features.FeatureVolume;

/// <summary>Features a volume on the portal's home page (精选汇编), or stops featuring it.</summary>
internal sealed record FeatureVolume(Guid VolumeId, long Version, bool Featured) : ICommand<VolumeVersion>
{
    public string AuditAction => Featured ? "archives.volumes.feature" : "archives.volumes.unfeature";
    public AuditTarget AuditTarget => new("volume", VolumeId.ToString());
}

internal sealed record FeatureVolumeBody(long Version, bool Featured);

internal sealed class FeatureVolumeHandler(ArchivesDb db, RequestContext context) : IRequestHandler<FeatureVolume, VolumeVersion>
{
    public async Task<VolumeVersion> Handle(FeatureVolume request, CancellationToken cancellationToken)
    {
        await VolumeAccess.LockAsync(db, request.VolumeId, request.Version, cancellationToken);
        await db.ExecuteAsync("update archives.volume set featured = @Featured where id = @VolumeId", request, cancellationToken);
        return await VolumeAccess.TouchAsync(db, context, request.VolumeId, cancellationToken);
    }
}

internal static class FeatureVolumeEndpoint
{
    public static void MapFeatureVolume(this IEndpointRouteBuilder api) =>
        api.MapPost("/volumes/{id:guid}/feature", (Guid id, FeatureVolumeBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new FeatureVolume(id, body.Version, body.Featured), ct))
            .WithName("FeatureVolume").WithSummary("设为或取消门户精选汇编")
            .RequirePermission(ArchivesPermissions.Write);
}
