using System.Text.Json;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.UpdatePersonRecord;

/// <summary>
/// Corrects or completes an information-set entry (e.g. ends a post, answers a request for help). A sensitive field
/// left out keeps its value, so a form that never showed it unmasked cannot wipe it; the previous ordinary values
/// stay on the person's timeline.
/// </summary>
internal sealed record UpdatePersonRecord(Guid PersonId, Guid RecordId, long Version, DateOnly? ValidFrom, DateOnly? ValidTo,
    Dictionary<string, JsonElement>? Values) : ICommand<SavedPersonRecordVersion>
{
    public string AuditAction => "personnel.records.update";
    public AuditTarget AuditTarget => new("person_record", RecordId.ToString());
}

internal sealed record UpdatePersonRecordBody(long Version, DateOnly? ValidFrom, DateOnly? ValidTo, Dictionary<string, JsonElement>? Values);

internal sealed record SavedPersonRecordVersion(Guid Id, long Version);

/// <summary>The entry locked for a change, if its person lies in the caller's write scope (else 404), at the expected version (else 409).</summary>
internal static class PersonRecordLock
{
    public static async Task<PersonRecordRow> LockAsync(PersonnelDb db, RequestContext context, Guid personId, Guid recordId, long expectedVersion,
        CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<PersonRecordRow>($"""
            select {PersonRecordRow.Columns} from {PersonRecordRow.From}
            where r.id = @recordId and r.person_id = @personId and r.removed_at is null and {PersonnelScope.Within("o")}
            for update of r
            """, PersonnelScope.Parameters(context.Principal.ScopeFor(PersonnelPermissions.Write), new { recordId, personId }), ct)
            ?? throw new NotFoundException("person_record", recordId.ToString());
        if (row.Version != expectedVersion) throw new ConcurrencyException(row.Version);
        return row;
    }
}

internal sealed class UpdatePersonRecordHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, IClock clock)
    : IRequestHandler<UpdatePersonRecord, SavedPersonRecordVersion>
{
    public async Task<SavedPersonRecordVersion> Handle(UpdatePersonRecord request, CancellationToken cancellationToken)
    {
        var current = await PersonRecordLock.LockAsync(db, context, request.PersonId, request.RecordId, request.Version, cancellationToken);
        var set = InformationSets.Find(current.SetKind)!;
        var before = PersonRecords.Values(current, cipher);
        var given = request.Values ?? [];
        var kept = set.Sensitive.Where(f => !given.ContainsKey(f.Name) && before.ContainsKey(f.Name)).ToDictionary(f => f.Name, f => before[f.Name]);
        var errors = new ValidationErrors();
        var values = InformationSets.Check(set, given, request.ValidFrom, request.ValidTo, clock.Today, errors, kept);
        errors.ThrowIfAny();
        var massOrganization = await PersonRecords.MassOrganizationAsync(db, set, values, cancellationToken);
        var version = await PersonRecords.UpdateAsync(db, cipher, set, request.RecordId, request.ValidFrom, request.ValidTo, values, massOrganization,
            cancellationToken);
        await PersonRecords.AnnounceAsync(db, context, set, request.PersonId, current.OrganizationId, current.Id, "updated", clock.Today, null,
            request.ValidFrom, request.ValidTo, before, values, cancellationToken);
        return new SavedPersonRecordVersion(current.Id, version);
    }
}

internal static class UpdatePersonRecordEndpoint
{
    public static void MapUpdatePersonRecord(this IEndpointRouteBuilder api) =>
        api.MapPut("/people/{id:guid}/records/{recordId:guid}", (Guid id, Guid recordId, UpdatePersonRecordBody body, IMediator mediator,
                CancellationToken ct) => mediator.Send(new UpdatePersonRecord(id, recordId, body.Version, body.ValidFrom, body.ValidTo, body.Values), ct))
            .WithName("UpdatePersonRecord").WithSummary("修改人员信息集条目（带版本号；未提交的敏感项保持不变）")
            .RequirePermission(PersonnelPermissions.Write);
}
