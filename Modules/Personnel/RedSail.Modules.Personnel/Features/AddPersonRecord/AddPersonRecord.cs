using System.Text.Json;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.AddPersonRecord;

/// <summary>Adds an entry to one of a person's information sets (a degree, a post, a family member, a request for help …).</summary>
internal sealed record AddPersonRecord(Guid PersonId, string? Set, DateOnly? ValidFrom, DateOnly? ValidTo, Dictionary<string, JsonElement>? Values)
    : ICommand<SavedPersonRecord>
{
    public string AuditAction => "personnel.records.add";
    public AuditTarget AuditTarget => new("person", PersonId.ToString());
}

internal sealed record AddPersonRecordBody(string? Set, DateOnly? ValidFrom, DateOnly? ValidTo, Dictionary<string, JsonElement>? Values);

internal sealed record SavedPersonRecord(Guid Id, long Version) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("person_record", Id.ToString());
}

internal sealed class AddPersonRecordValidator(IClock clock) : IValidator<AddPersonRecord>
{
    public void Validate(AddPersonRecord request, ValidationErrors errors)
    {
        if (InformationSets.Find(request.Set) is { } set) InformationSets.Check(set, request.Values, request.ValidFrom, request.ValidTo, clock.Today, errors);
        else errors.Add("set", string.IsNullOrWhiteSpace(request.Set) ? "validation.required" : "records.unknown_set");
    }
}

internal sealed class AddPersonRecordHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, IClock clock)
    : IRequestHandler<AddPersonRecord, SavedPersonRecord>
{
    public async Task<SavedPersonRecord> Handle(AddPersonRecord request, CancellationToken cancellationToken)
    {
        var set = InformationSets.Find(request.Set)!;
        var organizationId = await PersonRecords.EnsurePersonAsync(db, context, request.PersonId, PersonnelPermissions.Write, cancellationToken);
        var values = InformationSets.Check(set, request.Values, request.ValidFrom, request.ValidTo, clock.Today, new ValidationErrors());
        var massOrganization = await PersonRecords.MassOrganizationAsync(db, set, values, cancellationToken);
        var id = await PersonRecords.InsertAsync(db, cipher, set, request.PersonId, request.ValidFrom, request.ValidTo, values, massOrganization,
            cancellationToken);
        await PersonRecords.AnnounceAsync(db, context, set, request.PersonId, organizationId, id, "added", request.ValidFrom ?? clock.Today, null,
            request.ValidFrom, request.ValidTo, null, values, cancellationToken);
        return new SavedPersonRecord(id, 1);
    }
}

internal static class AddPersonRecordEndpoint
{
    public static void MapAddPersonRecord(this IEndpointRouteBuilder api) =>
        api.MapPost("/people/{id:guid}/records", async (Guid id, AddPersonRecordBody body, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new AddPersonRecord(id, body.Set, body.ValidFrom, body.ValidTo, body.Values), ct);
                return Results.Created($"/api/personnel/people/{id}/records/{saved.Id}", saved);
            })
            .WithName("AddPersonRecord").WithSummary("新增人员信息集条目（按信息集定义逐项校验；敏感项加密存储）")
            .RequirePermission(PersonnelPermissions.Write);
}
