using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.ChangePartyStatus;

/// <summary>
/// Moves a person along the party-status table (application → activist → candidate → admission → conversion,
/// or an exit), effective on a date, with the reason and document number. Only transitions the regulations
/// allow are accepted, and conversion waits for the end of probation.
/// </summary>
internal sealed record ChangePartyStatus(Guid PersonId, long Version, string? To, DateOnly? EffectiveOn, string? Reason, string? DocumentNumber)
    : ICommand<UpdatedStatus>
{
    public string AuditAction => "personnel.people.change_party_status";
    public AuditTarget AuditTarget => new("person", PersonId.ToString());
}

internal sealed record ChangePartyStatusBody(long Version, string? To, DateOnly? EffectiveOn, string? Reason, string? DocumentNumber);

internal sealed record UpdatedStatus(Guid Id, string PartyStatus, long Version);

internal sealed class ChangePartyStatusValidator(IClock clock) : IValidator<ChangePartyStatus>
{
    public void Validate(ChangePartyStatus request, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(request.To)) errors.Add("to", "validation.required");
        else if (!PartyStatus.All.Contains(request.To)) errors.Add("to", "person.code_unknown", request.To);
        if (request.EffectiveOn is null) errors.Add("effectiveOn", "validation.required");
        else if (request.EffectiveOn > clock.Today) errors.Add("effectiveOn", "person.date_in_future");
        errors.RequiredMax("reason", request.Reason, 500).MaxLength("documentNumber", request.DocumentNumber, 64);
    }
}

internal sealed class ChangePartyStatusHandler(PersonnelDb db, RequestContext context, MessageCatalog messages)
    : IRequestHandler<ChangePartyStatus, UpdatedStatus>
{
    public async Task<UpdatedStatus> Handle(ChangePartyStatus request, CancellationToken cancellationToken)
    {
        var person = await PersonWrites.LockForUpdateAsync(db, context, request.PersonId, request.Version, cancellationToken);
        var version = await PartyStatusWrites.ApplyAsync(db, context, messages, person, request.To!, request.EffectiveOn!.Value, request.Reason,
            request.DocumentNumber, null, cancellationToken);
        return new UpdatedStatus(request.PersonId, request.To!, version);
    }
}

internal static class ChangePartyStatusEndpoint
{
    public static void MapChangePartyStatus(this IEndpointRouteBuilder api) =>
        api.MapPost("/people/{id:guid}/party-status", async (Guid id, ChangePartyStatusBody body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ChangePartyStatus(id, body.Version, body.To, body.EffectiveOn, body.Reason, body.DocumentNumber), ct)))
            .WithName("ChangePartyStatus").WithSummary("党籍状态变更（按允许的状态转换表；转正须满预备期）")
            .RequirePermission(PersonnelPermissions.Write);
}
