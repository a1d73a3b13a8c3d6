using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Features.Representatives;

namespace RedSail.Modules.Honors.Features.RecordRepresentative;

/// <summary>Records a person's term as 党代表, 人大代表 or 政协委员 (body, level, term); serving until it is ended.</summary>
internal sealed record RecordRepresentative(Guid? PersonId, string? RepresentativeKind, string? RepresentativeLevel, string? Body,
    DateOnly? TermStartsOn, DateOnly? TermEndsOn) : ICommand<RepresentativeVersion>, IRepresentativeForm
{
    public string AuditAction => "honors.representatives.record";
    public AuditTarget AuditTarget => new("representative", null);
}

internal sealed record RepresentativeVersion(Guid Id, long Version) : IAuditedResult
{
    AuditTarget? IAuditedResult.AuditTarget => new("representative", Id.ToString());
}

internal sealed class RecordRepresentativeValidator : IValidator<RecordRepresentative>
{
    public void Validate(RecordRepresentative request, ValidationErrors errors) => RepresentativeForm.Validate(request, errors);
}

internal sealed class RecordRepresentativeHandler(HonorsDb db, RequestContext context) : IRequestHandler<RecordRepresentative, RepresentativeVersion>
{
    public async Task<RepresentativeVersion> Handle(RecordRepresentative request, CancellationToken cancellationToken)
    {
        await RepresentativeForm.EnsurePersonAsync(db, context, HonorsPermissions.Write, request.PersonId!.Value, cancellationToken);
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("""
            insert into honors.representative (id, person_id, kind, level, body, term_starts_on, term_ends_on)
            values (@id, @PersonId, @RepresentativeKind, @RepresentativeLevel, @body, @TermStartsOn, @TermEndsOn)
            """, new { id, request.PersonId, request.RepresentativeKind, request.RepresentativeLevel, body = request.Body!.Trim(), request.TermStartsOn,
            request.TermEndsOn }, cancellationToken);
        return new RepresentativeVersion(id, 1);
    }
}

internal static class RecordRepresentativeEndpoint
{
    public static void MapRecordRepresentative(this IEndpointRouteBuilder api) =>
        api.MapPost("/representatives", async (RecordRepresentative command, IMediator mediator, CancellationToken ct) =>
            {
                var recorded = await mediator.Send(command, ct);
                return Results.Created($"/api/honors/representatives/{recorded.Id}", recorded);
            })
            .WithName("RecordRepresentative").WithSummary("登记党代表、人大代表、政协委员（届别机构、级别、任期）")
            .RequirePermission(HonorsPermissions.Write);
}
