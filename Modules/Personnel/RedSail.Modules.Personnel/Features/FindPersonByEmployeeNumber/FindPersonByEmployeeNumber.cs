using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.FindPersonByEmployeeNumber;

/// <summary>A person by employee number (工号), the key the OA knows people by; masked like every read.</summary>
internal sealed record FindPersonByEmployeeNumber(string EmployeeNumber) : IQuery<PersonView>;

internal sealed class FindPersonByEmployeeNumberHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, IClock clock)
    : IRequestHandler<FindPersonByEmployeeNumber, PersonView>
{
    public async Task<PersonView> Handle(FindPersonByEmployeeNumber request, CancellationToken cancellationToken)
    {
        var row = await db.QuerySingleOrDefaultAsync<PersonRow>($"""
            select {PersonRow.Columns} from personnel.person p join personnel.organization o on o.id = p.organization_id
            where p.employee_number = @employeeNumber and {PersonnelScope.Within("o")}
            """, PersonnelScope.Parameters(context.Principal.ScopeFor(PersonnelPermissions.Read), new { employeeNumber = request.EmployeeNumber }),
            cancellationToken) ?? throw new NotFoundException("person", request.EmployeeNumber);
        return PersonView.From(row, cipher, unmask: false, clock.Today);
    }
}

internal static class FindPersonByEmployeeNumberEndpoint
{
    public static void MapFindPersonByEmployeeNumber(this IEndpointRouteBuilder api) =>
        api.MapGet("/people/by-employee-number/{employeeNumber}", (string employeeNumber, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new FindPersonByEmployeeNumber(employeeNumber), ct))
            .WithName("FindPersonByEmployeeNumber").WithSummary("按工号查询人员（供 OA 使用，敏感字段脱敏）")
            .RequirePermission(PersonnelPermissions.Read);
}
