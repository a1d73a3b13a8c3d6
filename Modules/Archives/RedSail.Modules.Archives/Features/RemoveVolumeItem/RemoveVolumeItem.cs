using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.Modules.Archives.Features.RemoveVolumeItem;

/// <summary>Takes a document out of a volume (the document itself stays in the archive); the others close up.</summary>
internal sealed record RemoveVolumeItem(Guid VolumeId, Guid DocumentId, long Version) : ICommand<VolumeVersion>
{
    public string AuditAction => "archives.volumes.items.remove";
    public AuditTarget AuditTarget => new("volume", VolumeId.ToString());
}

internal sealed class RemoveVolumeItemHandler(ArchivesDb db, RequestContext context) : IRequestHandler<RemoveVolumeItem, VolumeVersion>
{
    public async Task<VolumeVersion> Handle(RemoveVolumeItem request, CancellationToken cancellationToken)
    {
        await VolumeAccess.LockAsync(db, request.VolumeId, request.Version, cancellationToken);
        var removed = await db.ExecuteAsync("delete from archives.volume_item where volume_id = @VolumeId and document_id = @DocumentId", request,
            cancellationToken);
        if (removed == 0) throw new NotFoundException("volume_item", request.DocumentId.ToString());
        await db.ExecuteAsync("""
            update archives.volume_item i set position = r.n
            from (select document_id, row_number() over (order by position) as n from archives.volume_item where volume_id = @VolumeId) r
            where i.volume_id = @VolumeId and i.document_id = r.document_id and i.position <> r.n
            """, request, cancellationToken);
        return await VolumeAccess.TouchAsync(db, context, request.VolumeId, cancellationToken);
    }
}

internal static class RemoveVolumeItemEndpoint
{
    public static void MapRemoveVolumeItem(this IEndpointRouteBuilder api) =>
        api.MapPost("/volumes/{id:guid}/items/{documentId:guid}/remove", (Guid id, Guid documentId, VolumeVersionBody body, IMediator mediator,
                CancellationToken ct) => mediator.Send(new RemoveVolumeItem(id, documentId, body.Version), ct))
            .WithName("RemoveVolumeItem").WithSummary("从汇编册移出一份文件（文件仍在史料库中）")
            .RequirePermission(ArchivesPermissions.Write);
}
