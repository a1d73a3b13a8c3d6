using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.Modules.Archives.Features.RemoveVolume;

/// <summary>Withdraws a volume compiled by mistake: kept with who removed it and why, no longer listed or read. Its documents stay.</summary>
internal sealed record RemoveVolume(Guid VolumeId, long Version, string? Reason) : ICommand<VolumeVersion>
{
    public string AuditAction => "archives.volumes.remove";
    public AuditTarget AuditTarget => new("volume", VolumeId.ToString());
}

internal sealed record RemoveVolumeBody(long Version, string? Reason);

internal sealed class RemoveVolumeValidator : IValidator<RemoveVolume>
{
    public void Validate(RemoveVolume request, ValidationErrors errors) => errors.RequiredMax("reason", request.Reason, 200);
}

internal sealed class RemoveVolumeHandler(ArchivesDb db, RequestContext context) : IRequestHandler<RemoveVolume, VolumeVersion>
{
    public async Task<VolumeVersion> Handle(RemoveVolume request, CancellationToken cancellationToken)
    {
        await VolumeAccess.LockAsync(db, request.VolumeId, request.Version, cancellationToken);
        var version = await db.QuerySingleAsync<long>("""
            update archives.volume set removed_at = now(), removed_by = @by, removed_reason = @reason, featured = false, version = version + 1
            where id = @id returning version
            """, new { id = request.VolumeId, by = context.Principal.UserId, reason = request.Reason!.Trim() }, cancellationToken);
        return new VolumeVersion(request.VolumeId, version);
    }
}

internal static class RemoveVolumeEndpoint
{
    public static void MapRemoveVolume(this IEndpointRouteBuilder api) =>
        api.MapPost("/volumes/{id:guid}/remove", (Guid id, RemoveVolumeBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RemoveVolume(id, body.Version, body.Reason), ct))
            .WithName("RemoveVolume").WithSummary("撤销汇编册（保留记录与原因，其中文件不受影响）")
            .RequirePermission(ArchivesPermissions.Write);
}
