using Dapper;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.Modules.Archives.Features.UpdateVolume;

/// <summary>Edits a volume's title page against the version the editor read (stale: 409 with the current one).</summary>
internal sealed record UpdateVolume(Guid VolumeId, long Version, VolumeForm? Volume) : ICommand<VolumeVersion>
{
    public string AuditAction => "archives.volumes.update";
    public AuditTarget AuditTarget => new("volume", VolumeId.ToString());
}

internal sealed record UpdateVolumeBody(long Version, VolumeForm? Volume);

internal sealed class UpdateVolumeValidator : IValidator<UpdateVolume>
{
    public void Validate(UpdateVolume request, ValidationErrors errors)
    {
        if (request.Volume is null) errors.Add("volume", "validation.required");
        else request.Volume.Check(errors);
    }
}

internal sealed class UpdateVolumeHandler(ArchivesDb db, RequestContext context) : IRequestHandler<UpdateVolume, VolumeVersion>
{
    public async Task<VolumeVersion> Handle(UpdateVolume request, CancellationToken cancellationToken)
    {
        await VolumeAccess.LockAsync(db, request.VolumeId, request.Version, cancellationToken);
        var parameters = new DynamicParameters(request.Volume!.Columns());
        parameters.Add("id", request.VolumeId);
        parameters.Add("by", context.Principal.UserId);
        var version = await db.QuerySingleAsync<long>("""
            update archives.volume
            set title = @title, subtitle = @subtitle, compiled_by = @compiledBy, year = @year, description = @description,
                security_level = @securityLevel, updated_at = now(), updated_by = @by, version = version + 1
            where id = @id
            returning version
            """, parameters, cancellationToken);
        return new VolumeVersion(request.VolumeId, version);
    }
}

internal static class UpdateVolumeEndpoint
{
    public static void MapUpdateVolume(this IEndpointRouteBuilder api) =>
        api.MapPut("/volumes/{id:guid}", (Guid id, UpdateVolumeBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdateVolume(id, body.Version, body.Volume), ct))
            .WithName("UpdateVolume").WithSummary("修改汇编册信息（乐观并发：版本过期返回 409）")
            .RequirePermission(ArchivesPermissions.Write);
}
