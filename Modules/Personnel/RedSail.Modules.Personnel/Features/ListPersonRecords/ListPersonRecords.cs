using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.ListPersonRecords;

/// <summary>
/// A person's information-set entries (all sets, or one), newest period first. Sensitive fields are masked unless
/// <see cref="Unmask"/> is asked for by a caller holding <c>personnel.unmask</c>; every unmasked read is audited.
/// </summary>
internal sealed record ListPersonRecords(Guid PersonId, string? Set, bool Unmask) : IQuery<IReadOnlyList<PersonRecordView>>;

internal sealed class ListPersonRecordsHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, AuditTrail audit)
    : IRequestHandler<ListPersonRecords, IReadOnlyList<PersonRecordView>>
{
    public async Task<IReadOnlyList<PersonRecordView>> Handle(ListPersonRecords request, CancellationToken cancellationToken)
    {
        if (request.Unmask && !context.Principal.Has(PersonnelPermissions.Unmask))
        {
            await audit.RecordAsync(context, new AuditEntry("personnel.records.unmask", AuditResult.Denied, "person", request.PersonId.ToString()), cancellationToken);
            throw new ForbiddenException("person.unmask_forbidden");
        }
        var organizationId = await PersonRecords.EnsurePersonAsync(db, context, request.PersonId,
            request.Unmask ? PersonnelPermissions.Unmask : PersonnelPermissions.Read, cancellationToken, audit, "personnel.records.read");
        var rows = await db.QueryAsync<PersonRecordRow>($"""
            select {PersonRecordRow.Columns} from {PersonRecordRow.From}
            where r.person_id = @PersonId and r.removed_at is null and (@Set::text is null or r.set_kind = @Set)
            order by r.set_kind, r.valid_from desc nulls last, r.created_at desc
            """, request, cancellationToken);
        if (request.Unmask)
            await audit.RecordAsync(context, new AuditEntry("personnel.records.unmask", AuditResult.Success, "person", request.PersonId.ToString(),
                organizationId.ToString(), request.Set ?? "all"), cancellationToken);
        return rows.Select(r => PersonRecords.View(r, cipher, request.Unmask)).ToList();
    }
}

internal static class ListPersonRecordsEndpoint
{
    public static void MapListPersonRecords(this IEndpointRouteBuilder api) =>
        api.MapGet("/people/{id:guid}/records", (Guid id, string? set, bool? unmask, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListPersonRecords(id, set, unmask ?? false), ct))
            .WithName("ListPersonRecords").WithSummary("人员信息集条目（健康、家庭等敏感项默认脱敏；unmask=true 需授权且留痕）")
            .RequirePermission(PersonnelPermissions.Read);
}
