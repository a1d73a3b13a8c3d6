using Npgsql;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.CommitPeopleImport;

/// <summary>
/// Brings a previewed batch into the register, all or nothing, in the command's one transaction: the people and their
/// 'imported' timeline rows by one INSERT … SELECT from the staged rows, their PersonRecorded events set-based. A batch
/// with any error is refused whole.
/// </summary>
internal sealed record CommitPeopleImport(Guid BatchId) : ICommand<ImportBatchOutcome>
{
    public string AuditAction => "personnel.people.import.commit";
    public AuditTarget AuditTarget => new("import_batch", BatchId.ToString());
}

internal sealed class CommitPeopleImportHandler(PersonnelDb db, RequestContext context, IClock clock)
    : IRequestHandler<CommitPeopleImport, ImportBatchOutcome>
{
    /// <summary>One statement: the staged rows become people (ids given at the preview), each with its timeline row; the people come back for the events.</summary>
    private const string ImportSql = """
        with imported as (
            insert into personnel.person (id, organization_id, name, gender, birth_date, ethnicity, education, id_number_cipher, id_number_index,
                phone_cipher, native_place, department, employee_number, party_status, applied_on, activist_on, candidate_on, joined_on,
                converted_on, status_since, import_batch_id)
            select r.person_id, @organizationId, r.name, r.gender, r.birth_date, r.ethnicity, r.education, r.id_number_cipher, r.id_number_index,
                   r.phone_cipher, r.native_place, r.department, r.employee_number, r.party_status, r.applied_on, r.activist_on, r.candidate_on,
                   r.joined_on, r.converted_on, coalesce(r.status_since, @today), @batchId
            from personnel.import_row r
            where r.batch_id = @batchId
            order by r.row_number
            returning id, name, gender, birth_date, ethnicity, education, party_status, joined_on, converted_on, employee_number),
        timeline as (
            insert into personnel.person_change (person_id, change, effective_on, after, recorded_by)
            select id, 'imported', @today, jsonb_build_object('name', name, 'organizationId', @organizationId, 'partyStatus', party_status,
                   'batchId', @batchId), @recordedBy
            from imported)
        select id, name, gender, birth_date, ethnicity, education, party_status, joined_on, converted_on, employee_number from imported
        """;

    private sealed class ImportedPerson
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Gender { get; init; } = "";
        public DateOnly BirthDate { get; init; }
        public string Ethnicity { get; init; } = "";
        public string? Education { get; init; }
        public string PartyStatus { get; init; } = "";
        public DateOnly? JoinedOn { get; init; }
        public DateOnly? ConvertedOn { get; init; }
        public string? EmployeeNumber { get; init; }
    }

    public async Task<ImportBatchOutcome> Handle(CommitPeopleImport request, CancellationToken cancellationToken)
    {
        var batch = await ImportBatches.LockAsync(db, context, request.BatchId, cancellationToken);
        if (batch.Status != "previewed") throw new RuleViolationException("import_batch_closed", "import.batch_not_previewed");
        if (batch.ErrorCount > 0) throw new RuleViolationException("import_has_errors", "import.has_errors", batch.ErrorCount);
        await PersonWrites.EnsureOrganizationWritableAsync(db, context, batch.OrganizationId, cancellationToken);

        IReadOnlyList<ImportedPerson> people;
        try
        {
            people = await db.QueryAsync<ImportedPerson>(ImportSql, new
            {
                organizationId = batch.OrganizationId, batchId = batch.Id, today = clock.Today, recordedBy = context.Principal.UserId,
            }, cancellationToken);
        }
        catch (PostgresException e)
        {
            // Someone recorded one of these ID or employee numbers since the preview: nothing of the batch stays.
            PersonWrites.ThrowIfDuplicate(e);
            throw;
        }

        await db.ExecuteAsync("""
            update personnel.import_batch set status = 'committed', committed_at = now() where id = @batchId;
            -- the staged copy (with its ciphertexts) has served its purpose: keep only the batch record
            delete from personnel.import_row where batch_id = @batchId;
            """, new { batchId = batch.Id }, cancellationToken);
        await db.PublishAsync(people.Select(p => (IntegrationEvent)new PersonRecorded(p.Id, batch.OrganizationId, p.Name, p.Gender, p.BirthDate,
            p.Ethnicity, p.Education, p.PartyStatus, p.JoinedOn, p.ConvertedOn, p.EmployeeNumber)).ToList(), cancellationToken);
        return new ImportBatchOutcome(batch.Id, people.Count);
    }
}

internal static class CommitPeopleImportEndpoint
{
    public static void MapCommitPeopleImport(this IEndpointRouteBuilder api) =>
        api.MapPost("/people/imports/{batchId:guid}/commit", (Guid batchId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new CommitPeopleImport(batchId), ct))
            .WithName("CommitPeopleImport").WithSummary("提交导入批次：全部入库或全部不入库（有任何错误则拒绝）")
            .RequirePermission(PersonnelPermissions.Write);
}
