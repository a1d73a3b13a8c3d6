using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.People;
using RedSail.Modules.Personnel.Features.SelfService;

namespace RedSail.Modules.Personnel.Features.GetMyRecord;

/// <summary>
/// The member's own record (self-service): basic and party information, their personal traits, and their proposals
/// with the branch's decisions. Their own values are shown in full — it is their data (PIPL: the right to see it).
/// </summary>
internal sealed record GetMyRecord : IQuery<MyRecord>;

internal sealed record MyRecord(PersonView Person, PersonRecordView? Traits, IReadOnlyList<MyProposal> Proposals);

internal sealed class MyProposal
{
    public Guid Id { get; init; }
    public string Status { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? DecidedAt { get; init; }
    public string? DecisionReason { get; init; }
    public string? Note { get; init; }
}

internal sealed class GetMyRecordHandler(PersonnelDb db, RequestContext context, FieldCipher cipher, IClock clock) : IRequestHandler<GetMyRecord, MyRecord>
{
    public async Task<MyRecord> Handle(GetMyRecord request, CancellationToken cancellationToken)
    {
        var person = await ChangeProposals.MyPersonAsync(db, context, cancellationToken);
        var traits = await db.QuerySingleOrDefaultAsync<PersonRecordRow>($"""
            select {PersonRecordRow.Columns} from {PersonRecordRow.From}
            where r.person_id = @Id and r.set_kind = 'traits' and r.removed_at is null and r.valid_to is null
            """, person, cancellationToken);
        var proposals = await db.QueryAsync<MyProposal>("""
            select id, status, created_at, decided_at, decision_reason, note from personnel.change_proposal
            where person_id = @Id order by created_at desc limit 20
            """, person, cancellationToken);
        return new MyRecord(PersonView.From(person, cipher, unmask: true, clock.Today),
            traits is null ? null : PersonRecords.View(traits, cipher, unmask: true), proposals.ToList());
    }
}

internal static class GetMyRecordEndpoint
{
    public static void MapGetMyRecord(this IEndpointRouteBuilder api) =>
        api.MapGet("/me/record", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetMyRecord(), ct))
            .WithName("GetMyRecord").WithSummary("本人信息（党员自助：基本信息、党籍信息、个人特质与变更申请）")
            .RequirePermission(PersonnelPermissions.Self);
}
