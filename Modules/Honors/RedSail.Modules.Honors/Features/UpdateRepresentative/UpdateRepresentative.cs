using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Features.RecordRepresentative;
using RedSail.Modules.Honors.Features.Representatives;

namespace RedSail.Modules.Honors.Features.UpdateRepresentative;

/// <summary>Corrects a representative's term, or ends it (<see cref="Status"/> = ended).</summary>
internal sealed record UpdateRepresentative(Guid Id, Guid? PersonId, string? RepresentativeKind, string? RepresentativeLevel, string? Body,
    DateOnly? TermStartsOn, DateOnly? TermEndsOn, string? Status, long? Version) : ICommand<RepresentativeVersion>, IRepresentativeForm
{
    public string AuditAction => "honors.representatives.update";
    public AuditTarget AuditTarget => new("representative", Id.ToString());
}

internal sealed record UpdateRepresentativeBody(Guid? PersonId, string? RepresentativeKind, string? RepresentativeLevel, string? Body,
    DateOnly? TermStartsOn, DateOnly? TermEndsOn, string? Status, long? Version);

internal sealed class UpdateRepresentativeValidator : IValidator<UpdateRepresentative>
{
    public void Validate(UpdateRepresentative request, ValidationErrors errors)
    {
        RepresentativeForm.Validate(request, errors);
        if (request.Status is not ("serving" or "ended")) errors.Add("status", "validation.invalid");
        if (request.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class UpdateRepresentativeHandler(HonorsDb db, RequestContext context) : IRequestHandler<UpdateRepresentative, RepresentativeVersion>
{
    public async Task<RepresentativeVersion> Handle(UpdateRepresentative request, CancellationToken cancellationToken)
    {
        var version = await db.QuerySingleOrDefaultAsync<long?>($"""
            select r.version from {RepresentativeView.From} where r.id = @Id and {HonorsScope.Within("o")} for update of r
            """, HonorsScope.Parameters(context, HonorsPermissions.Write, new { request.Id }), cancellationToken)
            ?? throw new NotFoundException("representative", request.Id.ToString());
        if (version != request.Version) throw new ConcurrencyException(version);
        await RepresentativeForm.EnsurePersonAsync(db, context, HonorsPermissions.Write, request.PersonId!.Value, cancellationToken);
        await db.ExecuteAsync("""
            update honors.representative set person_id = @PersonId, kind = @RepresentativeKind, level = @RepresentativeLevel, body = @body,
                term_starts_on = @TermStartsOn, term_ends_on = @TermEndsOn, status = @Status, version = version + 1
            where id = @Id
            """, new { request.Id, request.PersonId, request.RepresentativeKind, request.RepresentativeLevel, body = request.Body!.Trim(),
            request.TermStartsOn, request.TermEndsOn, request.Status }, cancellationToken);
        return new RepresentativeVersion(request.Id, version + 1);
    }
}

internal static class UpdateRepresentativeEndpoint
{
    public static void MapUpdateRepresentative(this IEndpointRouteBuilder api) =>
        api.MapPut("/representatives/{id:guid}", (Guid id, UpdateRepresentativeBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdateRepresentative(id, b.PersonId, b.RepresentativeKind, b.RepresentativeLevel, b.Body, b.TermStartsOn,
                    b.TermEndsOn, b.Status, b.Version), ct))
            .WithName("UpdateRepresentative").WithSummary("修改代表委员任期信息，或登记任期结束")
            .RequirePermission(HonorsPermissions.Write);
}
