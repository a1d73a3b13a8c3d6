using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.RecordNominationResult;

/// <summary>
/// The committee records a nomination's evaluation result. Selected, it becomes an approved honour of the round's type, level and
/// conferring body, titled by its type's name (优秀共产党员 …), awarded on <see cref="AwardedOn"/> (HonourApproved); the result is final.
/// </summary>
internal sealed record RecordNominationResult(Guid Id, string? Result, string? ResultNote, DateOnly? AwardedOn, string? DocumentNumber, long? Version)
    : ICommand<NominationResult>
{
    public string AuditAction => "honors.rounds.result";
    public AuditTarget AuditTarget => new("nomination", Id.ToString());
}

internal sealed record RecordNominationResultBody(string? Result, string? ResultNote, DateOnly? AwardedOn, string? DocumentNumber, long? Version);

internal sealed record NominationResult(Guid Id, long Version, Guid? HonourId) : IAuditedResult
{
    AuditTarget? IAuditedResult.AuditTarget => new("nomination", Id.ToString());
}

internal sealed class RecordNominationResultValidator(IClock clock) : IValidator<RecordNominationResult>
{
    public void Validate(RecordNominationResult request, ValidationErrors errors)
    {
        if (request.Result is not ("selected" or "not_selected")) errors.Add("result", "validation.invalid");
        if (request.Result == "selected" && request.AwardedOn is null) errors.Add("awardedOn", "validation.required");
        else if (request.AwardedOn > clock.Today) errors.Add("awardedOn", "honors.date_in_future");
        errors.MaxLength("resultNote", request.ResultNote, 1000).MaxLength("documentNumber", request.DocumentNumber, 100);
        if (request.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class RecordNominationResultHandler(HonorsDb db, RequestContext context, MessageCatalog messages) : IRequestHandler<RecordNominationResult, NominationResult>
{
    private sealed class Row
    {
        public Guid OrganizationId { get; init; }
        public Guid? PersonId { get; init; }
        public string Result { get; init; } = "";
        public long Version { get; init; }
        public string Type { get; init; } = "";
        public string Level { get; init; } = "";
        public string ConferringBody { get; init; } = "";
    }

    public async Task<NominationResult> Handle(RecordNominationResult request, CancellationToken cancellationToken)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>($"""
            select n.organization_id, n.person_id, n.result, n.version, r.type, r.level, r.conferring_body
            from honors.nomination n join honors.nomination_round r on r.id = n.round_id join honors.organization o on o.id = n.organization_id
            where n.id = @Id and {HonorsScope.Within("o")} for update of n
            """, HonorsScope.Parameters(context, HonorsPermissions.Approve, new { request.Id }), cancellationToken)
            ?? throw new NotFoundException("nomination", request.Id.ToString());
        if (row.Version != request.Version) throw new ConcurrencyException(row.Version);
        if (row.Result != "pending") throw new RuleViolationException("nomination_decided", "honors.rounds.already_decided");
        Guid? honourId = null;
        if (request.Result == "selected")
        {
            var honour = new HonourRow
            {
                Id = Guid.CreateVersion7(), OrganizationId = row.OrganizationId, PersonId = row.PersonId, Type = row.Type, Level = row.Level,
                Title = HonourSheet.Label(messages, "type", row.Type), AwardedOn = request.AwardedOn!.Value,
            };
            await db.ExecuteAsync("""
                insert into honors.honour (id, organization_id, person_id, type, level, title, conferring_body, awarded_on, document_number, status,
                                           proposed_by, decided_by, decided_at)
                values (@Id, @OrganizationId, @PersonId, @Type, @Level, @Title, @body, @AwardedOn, @number, 'approved', @by, @by, now())
                """, new
            {
                honour.Id, honour.OrganizationId, honour.PersonId, honour.Type, honour.Level, honour.Title, body = row.ConferringBody, honour.AwardedOn,
                number = string.IsNullOrWhiteSpace(request.DocumentNumber) ? null : request.DocumentNumber.Trim(), by = context.Principal.UserId,
            }, cancellationToken);
            await HonourAccess.RecordAsync(db, context, honour.Id, "selected", null, cancellationToken);
            await db.PublishAsync(HonourAccess.Approved(honour), cancellationToken);
            honourId = honour.Id;
        }
        await db.ExecuteAsync("""
            update honors.nomination set result = @Result, result_note = @ResultNote, honour_id = @honourId, version = version + 1 where id = @Id
            """, new { request.Id, request.Result, request.ResultNote, honourId }, cancellationToken);
        return new NominationResult(request.Id, row.Version + 1, honourId);
    }
}

internal static class RecordNominationResultEndpoint
{
    public static void MapRecordNominationResult(this IEndpointRouteBuilder api) =>
        api.MapPost("/nominations/{id:guid}/result", (Guid id, RecordNominationResultBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RecordNominationResult(id, b.Result, b.ResultNote, b.AwardedOn, b.DocumentNumber, b.Version), ct))
            .WithName("RecordNominationResult").WithSummary("党委登记评选结果；评选上的自动成为已入库的荣誉")
            .RequirePermission(HonorsPermissions.Approve);
}
