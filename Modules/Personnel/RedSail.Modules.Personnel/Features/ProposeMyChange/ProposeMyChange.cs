using System.Text.Json;
using Npgsql;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.SelfService;

namespace RedSail.Modules.Personnel.Features.ProposeMyChange;

/// <summary>
/// A member proposes a change to their own phone and personal traits; nothing changes until the branch approves it.
/// One proposal is open at a time. Traits left out keep their value.
/// </summary>
internal sealed record ProposeMyChange(string? Phone, Dictionary<string, JsonElement>? Traits, string? Note) : ICommand<ProposedChange>
{
    public string AuditAction => "personnel.self.propose";
    public AuditTarget? AuditTarget => null;
}

internal sealed record ProposedChange(Guid Id) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("change_proposal", Id.ToString());
}

internal sealed class ProposeMyChangeValidator(IClock clock) : IValidator<ProposeMyChange>
{
    public void Validate(ProposeMyChange r, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(r.Phone) && r.Traits is not { Count: > 0 }) errors.Add("traits", "self.nothing_proposed");
        if (!string.IsNullOrWhiteSpace(r.Phone) && !PhoneNumber.IsValid(r.Phone.Trim())) errors.Add("phone", "person.phone_format");
        if (r.Traits is { Count: > 0 })
            InformationSets.Check(ChangeProposals.Traits, r.Traits, null, null, clock.Today, errors);
        errors.MaxLength("note", r.Note, 500);
    }
}

internal sealed class ProposeMyChangeHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, IClock clock)
    : IRequestHandler<ProposeMyChange, ProposedChange>
{
    public async Task<ProposedChange> Handle(ProposeMyChange request, CancellationToken cancellationToken)
    {
        var person = await ChangeProposals.MyPersonAsync(db, context, cancellationToken);
        // Only the traits given are proposed; the rest keep their value.
        var traits = request.Traits is { Count: > 0 }
            ? InformationSets.Check(ChangeProposals.Traits, request.Traits, null, null, clock.Today, new ValidationErrors())
            : [];
        var (proposed, secret) = ChangeProposals.Seal(string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim(), traits, cipher);
        var id = Guid.CreateVersion7();
        try
        {
            await db.ExecuteAsync("""
                insert into personnel.change_proposal (id, person_id, proposed_by, proposed, secret, note)
                values (@id, @personId, @proposedBy, @proposed::jsonb, @secret, @note)
                """, new { id, personId = person.Id, proposedBy = context.Principal.UserId, proposed, secret, note = request.Note?.Trim() },
                cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new RuleViolationException("proposal_pending", "self.pending_exists");
        }
        return new ProposedChange(id);
    }
}

internal static class ProposeMyChangeEndpoint
{
    public static void MapProposeMyChange(this IEndpointRouteBuilder api) =>
        api.MapPost("/me/proposals", async (ProposeMyChange command, IMediator mediator, CancellationToken ct) =>
            {
                var proposed = await mediator.Send(command, ct);
                return Results.Created($"/api/personnel/me/record", proposed);
            })
            .WithName("ProposeMyChange").WithSummary("党员自助：申请修改本人联系电话与个人特质（经支部书记审核后生效）")
            .RequirePermission(PersonnelPermissions.Self);
}
