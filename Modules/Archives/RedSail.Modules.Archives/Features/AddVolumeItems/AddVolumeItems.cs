using Dapper;
using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.Modules.Archives.Features.AddVolumeItems;

/// <summary>
/// Appends documents to a volume in the given order (version as read: 409 otherwise). Each must be an archived document the
/// compiler may see (404 otherwise) and not in the volume yet (422).
/// </summary>
internal sealed record AddVolumeItems(Guid VolumeId, long Version, IReadOnlyList<VolumeItemInput>? Items) : ICommand<VolumeVersion>
{
    public string AuditAction => "archives.volumes.items.add";
    public AuditTarget AuditTarget => new("volume", VolumeId.ToString());
}

internal sealed record AddVolumeItemsBody(long Version, IReadOnlyList<VolumeItemInput>? Items);

internal sealed class AddVolumeItemsValidator : IValidator<AddVolumeItems>
{
    public void Validate(AddVolumeItems request, ValidationErrors errors) => VolumeItems.Check(request.Items, errors);
}

internal sealed class AddVolumeItemsHandler(ArchivesDb db, RequestContext context) : IRequestHandler<AddVolumeItems, VolumeVersion>
{
    public async Task<VolumeVersion> Handle(AddVolumeItems request, CancellationToken cancellationToken)
    {
        await VolumeAccess.LockAsync(db, request.VolumeId, request.Version, cancellationToken);
        var items = request.Items!;
        var ids = items.Select(i => i.DocumentId).ToArray();
        var found = await db.QueryAsync<Guid>($"select d.id from archives.document d where d.id = any(@ids) and d.removed_at is null and {ArchivesScope.Visible("d")}",
            ArchivesScope.Parameters(context, new { ids }), cancellationToken);
        var missing = ids.Where(id => !found.Contains(id)).ToList();
        if (missing.Count > 0) throw new NotFoundException("document", missing[0].ToString());
        var present = await db.QueryAsync<string>("""
            select d.title from archives.volume_item i join archives.document d on d.id = i.document_id
            where i.volume_id = @volumeId and i.document_id = any(@ids)
            """, new { volumeId = request.VolumeId, ids }, cancellationToken);
        if (present.Count > 0) throw new RuleViolationException("already_in_volume", "archives.volumes.already_in", present[0]);
        var total = await db.ExecuteScalarAsync<long>("select count(*) from archives.volume_item where volume_id = @volumeId", new { volumeId = request.VolumeId },
            cancellationToken);
        if (total + items.Count > VolumeItems.MaxItems) throw new RuleViolationException("too_many_items", "archives.volumes.too_many_items", VolumeItems.MaxItems);
        var parameters = new DynamicParameters(VolumeItems.Arrays(items));
        parameters.Add("volumeId", request.VolumeId);
        await db.ExecuteAsync("""
            insert into archives.volume_item (volume_id, document_id, position, section_heading)
            select @volumeId, a.document_id, (select coalesce(max(position), 0) from archives.volume_item where volume_id = @volumeId) + a.ord, a.heading
            from unnest(@ids::uuid[], @headings::text[]) with ordinality a (document_id, heading, ord)
            """, parameters, cancellationToken);
        return await VolumeAccess.TouchAsync(db, context, request.VolumeId, cancellationToken);
    }
}

internal static class AddVolumeItemsEndpoint
{
    public static void MapAddVolumeItems(this IEndpointRouteBuilder api) =>
        api.MapPost("/volumes/{id:guid}/items", (Guid id, AddVolumeItemsBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new AddVolumeItems(id, body.Version, body.Items), ct))
            .WithName("AddVolumeItems").WithSummary("向汇编册追加文件（按给定顺序排在末尾，可带分部标题）")
            .RequirePermission(ArchivesPermissions.Write);
}
