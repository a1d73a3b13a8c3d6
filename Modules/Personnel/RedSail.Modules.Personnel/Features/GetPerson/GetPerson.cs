using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.GetPerson;

/// <summary>
/// One person's record. ID number and phone are masked unless <see cref="Unmask"/> is asked for by a caller
/// holding <c>personnel.unmask</c>; every unmasked read is audited (SECURITY.md).
/// </summary>
internal sealed record GetPerson(Guid PersonId, bool Unmask) : IQuery<PersonView>;

internal sealed class GetPersonHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, AuditTrail audit, IClock clock)
    : IRequestHandler<GetPerson, PersonView>
{
    public async Task<PersonView> Handle(GetPerson request, CancellationToken cancellationToken)
    {
        if (request.Unmask && !context.Principal.Has(PersonnelPermissions.Unmask))
        {
            await audit.RecordAsync(context, new AuditEntry("personnel.people.unmask", AuditResult.Denied, "person", request.PersonId.ToString()), cancellationToken);
            throw new ForbiddenException("person.unmask_forbidden");
        }
        // Unmasking is judged against the unmask scope, reading against the read scope.
        var scope = context.Principal.ScopeFor(request.Unmask ? PersonnelPermissions.Unmask : PersonnelPermissions.Read);
        var row = await db.QuerySingleOrDefaultAsync<PersonRow>($"""
            select {PersonRow.Columns} from personnel.person p join personnel.organization o on o.id = p.organization_id
            where p.id = @personId and {PersonnelScope.Within("o")}
            """, PersonnelScope.Parameters(scope, new { personId = request.PersonId }), cancellationToken);
        if (row is null)
        {
            await audit.RecordAsync(context, new AuditEntry("personnel.people.read", AuditResult.Denied, "person", request.PersonId.ToString()), cancellationToken);
            throw new NotFoundException("person", request.PersonId.ToString());
        }
        if (request.Unmask)
            await audit.RecordAsync(context, new AuditEntry("personnel.people.unmask", AuditResult.Success, "person", row.Id.ToString(),
                row.OrganizationId.ToString(), "id_number,phone"), cancellationToken);
        return PersonView.From(row, cipher, request.Unmask, clock.Today);
    }
}

internal static class GetPersonEndpoint
{
    public static void MapGetPerson(this IEndpointRouteBuilder api) =>
        api.MapGet("/people/{id:guid}", (Guid id, bool? unmask, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetPerson(id, unmask ?? false), ct))
            .WithName("GetPerson").WithSummary("人员详情（身份证号、手机号默认脱敏；unmask=true 需授权且留痕）")
            .RequirePermission(PersonnelPermissions.Read);
}
