using Microsoft.AspNetCore.Mvc;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.Modules.Archives.Features.SetVolumeCover;

/// <summary>
/// Sets a volume's cover picture: PNG or JPEG up to 5 MB, the type told by the file's own first bytes (never its name or the
/// browser's claim). Anything else is a 400 on <c>file</c>. Returns the volume's next version.
/// </summary>
internal sealed record SetVolumeCover(Guid VolumeId, byte[] Content) : ICommand<VolumeVersion>
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public string AuditAction => "archives.volumes.cover";
    public AuditTarget AuditTarget => new("volume", VolumeId.ToString());
}

internal sealed class SetVolumeCoverValidator : IValidator<SetVolumeCover>
{
    public void Validate(SetVolumeCover request, ValidationErrors errors)
    {
        if (request.Content.Length == 0) errors.Add("file", "validation.required");
        else if (request.Content.Length > SetVolumeCover.MaxBytes) errors.Add("file", "archives.volumes.cover_too_large", SetVolumeCover.MaxBytes / 1024 / 1024);
        else if (DocumentTypes.Detect(request.Content) is not (DocumentTypes.Png or DocumentTypes.Jpeg)) errors.Add("file", "archives.volumes.cover_type");
    }
}

internal sealed class SetVolumeCoverHandler(ArchivesDb db, RequestContext context) : IRequestHandler<SetVolumeCover, VolumeVersion>
{
    public async Task<VolumeVersion> Handle(SetVolumeCover request, CancellationToken cancellationToken)
    {
        await VolumeAccess.LockAsync(db, request.VolumeId, version: null, cancellationToken);
        await db.ExecuteAsync("update archives.volume set cover = @content, cover_content_type = @type where id = @id",
            new { id = request.VolumeId, content = request.Content, type = DocumentTypes.Detect(request.Content) }, cancellationToken);
        return await VolumeAccess.TouchAsync(db, context, request.VolumeId, cancellationToken);
    }
}

internal static class SetVolumeCoverEndpoint
{
    public static void MapSetVolumeCover(this IEndpointRouteBuilder api) =>
        api.MapPost("/volumes/{id:guid}/cover", async (Guid id, HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                var (_, content) = await UploadedForm.ReadAsync(http, SetVolumeCover.MaxBytes,
                    UploadedForm.FieldTooLarge("archives.volumes.cover_too_large", SetVolumeCover.MaxBytes), ct);
                return await mediator.Send(new SetVolumeCover(id, content), ct);
            })
            .WithName("SetVolumeCover").WithSummary("上传汇编册封面（PNG、JPEG，5 MB 以内）")
            .WithMetadata(new RequestSizeLimitAttribute(SetVolumeCover.MaxBytes + 64 * 1024))
            .RequirePermission(ArchivesPermissions.Write);
}
