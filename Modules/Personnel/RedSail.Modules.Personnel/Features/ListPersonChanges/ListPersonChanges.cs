using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Personnel.Features.ListPersonChanges;

/// <summary>A person's timeline, newest first: what changed, when it took effect, why, and who recorded it.</summary>
internal sealed record ListPersonChanges(Guid PersonId) : IQuery<IReadOnlyList<PersonChange>>;

internal sealed record PersonChange(long Id, string Change, DateOnly EffectiveOn, string? Reason, string? Before, string After, DateTime RecordedAt, Guid? RecordedBy);

internal sealed class ListPersonChangesHandler(PersonnelDb db, RequestContext context) : IRequestHandler<ListPersonChanges, IReadOnlyList<PersonChange>>
{
    public async Task<IReadOnlyList<PersonChange>> Handle(ListPersonChanges request, CancellationToken cancellationToken)
    {
        var changes = await db.QueryAsync<PersonChange>($"""
            select c.id, c.change, c.effective_on, c.reason, c.before::text as before, c.after::text as after, c.recorded_at, c.recorded_by
            from personnel.person_change c
            join personnel.person p on p.id = c.person_id
            join personnel.organization o on o.id = p.organization_id
            where c.person_id = @personId and {PersonnelScope.Within("o")}
            order by c.id desc
            limit 500
            """, PersonnelScope.Parameters(context.Principal.ScopeFor(PersonnelPermissions.Read), new { personId = request.PersonId }), cancellationToken);
        // A person always has at least the "recorded" line, so an empty answer means not found or out of scope.
        return changes.Count > 0 ? changes : throw new NotFoundException("person", request.PersonId.ToString());
    }
}

internal static class ListPersonChangesEndpoint
{
    public static void MapListPersonChanges(this IEndpointRouteBuilder api) =>
        api.MapGet("/people/{id:guid}/changes", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListPersonChanges(id), ct))
            .WithName("ListPersonChanges").WithSummary("人员变更时间线").RequirePermission(PersonnelPermissions.Read);
}
