using Dapper;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.Modules.Archives.Features.ReorderVolumeItems;

/// <summary>
/// Puts a volume's documents in a new order, with their section headings, in one statement (positions are checked unique at
/// commit). The list must name exactly the volume's documents (422 otherwise); version as read (409 otherwise).
/// </summary>
internal sealed record ReorderVolumeItems(Guid VolumeId, long Version, IReadOnlyList<VolumeItemInput>? Items) : ICommand<VolumeVersion>
{
    public string AuditAction => "archives.volumes.items.reorder";
    public AuditTarget AuditTarget => new("volume", VolumeId.ToString());
}

internal sealed record ReorderVolumeItemsBody(long Version, IReadOnlyList<VolumeItemInput>? Items);

internal sealed class ReorderVolumeItemsValidator : IValidator<ReorderVolumeItems>
{
    public void Validate(ReorderVolumeItems request, ValidationErrors errors) => VolumeItems.Check(request.Items, errors);
}

internal sealed class ReorderVolumeItemsHandler(ArchivesDb db, RequestContext context) : IRequestHandler<ReorderVolumeItems, VolumeVersion>
{
    public async Task<VolumeVersion> Handle(ReorderVolumeItems request, CancellationToken cancellationToken)
    {
        await VolumeAccess.LockAsync(db, request.VolumeId, request.Version, cancellationToken);
        var parameters = new DynamicParameters(VolumeItems.Arrays(request.Items!));
        parameters.Add("volumeId", request.VolumeId);
        parameters.Add("count", (long)request.Items!.Count);
        // Every document of the volume named once, and nothing else: then the update below touches them all.
        var matches = await db.ExecuteScalarAsync<bool>("""
            select (select count(*) from archives.volume_item where volume_id = @volumeId) = @count
               and (select count(*) from archives.volume_item where volume_id = @volumeId and document_id = any(@ids)) = @count
            """, parameters, cancellationToken);
        if (!matches) throw new RuleViolationException("order_mismatch", "archives.volumes.order_mismatch");
        await db.ExecuteAsync("""
            update archives.volume_item i set position = o.ord, section_heading = o.heading
            from unnest(@ids::uuid[], @headings::text[]) with ordinality o (document_id, heading, ord)
            where i.volume_id = @volumeId and i.document_id = o.document_id
            """, parameters, cancellationToken);
        return await VolumeAccess.TouchAsync(db, context, request.VolumeId, cancellationToken);
    }
}

internal static class ReorderVolumeItemsEndpoint
{
    public static void MapReorderVolumeItems(this IEndpointRouteBuilder api) =>
        api.MapPut("/volumes/{id:guid}/items", (Guid id, ReorderVolumeItemsBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ReorderVolumeItems(id, body.Version, body.Items), ct))
            .WithName("ReorderVolumeItems").WithSummary("调整汇编册文件顺序与分部标题（须列出全部文件）")
            .RequirePermission(ArchivesPermissions.Write);
}
