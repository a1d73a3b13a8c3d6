using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;
using RedSail.Modules.Personnel.Features.UpdatePersonRecord;

namespace RedSail.Modules.Personnel.Features.RemovePersonRecord;

/// <summary>
/// Takes back an entry recorded by mistake. Nothing is deleted: the entry is kept with the reason and disappears from
/// the person's sets. (An entry that was true but has ended gets an end date instead, through an update.)
/// </summary>
internal sealed record RemovePersonRecord(Guid PersonId, Guid RecordId, long Version, string? Reason) : ICommand<SavedPersonRecordVersion>
{
    public string AuditAction => "personnel.records.remove";
    public AuditTarget AuditTarget => new("person_record", RecordId.ToString());
}

internal sealed record RemovePersonRecordBody(long Version, string? Reason);

internal sealed class RemovePersonRecordValidator : IValidator<RemovePersonRecord>
{
    public void Validate(RemovePersonRecord request, ValidationErrors errors) => errors.RequiredMax("reason", request.Reason, 500);
}

internal sealed class RemovePersonRecordHandler(PersonnelDb db, RequestContext context, IClock clock)
    : IRequestHandler<RemovePersonRecord, SavedPersonRecordVersion>
{
    public async Task<SavedPersonRecordVersion> Handle(RemovePersonRecord request, CancellationToken cancellationToken)
    {
        var current = await PersonRecordLock.LockAsync(db, context, request.PersonId, request.RecordId, request.Version, cancellationToken);
        var version = await db.QuerySingleAsync<long>("""
            update personnel.person_record set removed_at = now(), removed_reason = @Reason, version = version + 1, updated_at = now()
            where id = @RecordId returning version
            """, request, cancellationToken);
        var set = InformationSets.Find(current.SetKind)!;
        await PersonRecords.AnnounceAsync(db, context, set, request.PersonId, current.OrganizationId, current.Id, "removed", clock.Today,
            request.Reason, current.ValidFrom, current.ValidTo, null, new Dictionary<string, string>(), cancellationToken);
        return new SavedPersonRecordVersion(current.Id, version);
    }
}

internal static class RemovePersonRecordEndpoint
{
    public static void MapRemovePersonRecord(this IEndpointRouteBuilder api) =>
        api.MapPost("/people/{id:guid}/records/{recordId:guid}/remove", (Guid id, Guid recordId, RemovePersonRecordBody body, IMediator mediator,
                CancellationToken ct) => mediator.Send(new RemovePersonRecord(id, recordId, body.Version, body.Reason), ct))
            .WithName("RemovePersonRecord").WithSummary("撤回误录的信息集条目（保留记录与原因，不物理删除）")
            .RequirePermission(PersonnelPermissions.Write);
}
