using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;
using RedSail.Modules.Personnel.Features.PreviewPeopleImport;

namespace RedSail.Modules.Personnel.Features.CommitPeopleImport;

/// <summary>
/// Brings a previewed batch into the register, all or nothing, in the command's one transaction: the people by binary
/// COPY, their 'imported' timeline rows and PersonRecorded events set-based. A batch with any error is refused whole.
/// </summary>
internal sealed record CommitPeopleImport(Guid BatchId) : ICommand<ImportBatchOutcome>
{
    public string AuditAction => "personnel.people.import.commit";
    public AuditTarget AuditTarget => new("import_batch", BatchId.ToString());
}

internal sealed class CommitPeopleImportHandler(PersonnelDb db, RequestContext context, IClock clock)
    : IRequestHandler<CommitPeopleImport, ImportBatchOutcome>
{
    private sealed class StoredRow
    {
        public string Data { get; init; } = "";
        public byte[] IdNumberCipher { get; init; } = [];
        public byte[] IdNumberIndex { get; init; } = [];
        public byte[]? PhoneCipher { get; init; }
    }

    public async Task<ImportBatchOutcome> Handle(CommitPeopleImport request, CancellationToken cancellationToken)
    {
        var batch = await ImportBatches.LockAsync(db, context, request.BatchId, cancellationToken);
        if (batch.Status != "previewed") throw new RuleViolationException("import_batch_closed", "import.batch_not_previewed");
        if (batch.ErrorCount > 0) throw new RuleViolationException("import_has_errors", "import.has_errors", batch.ErrorCount);
        await PersonWrites.EnsureOrganizationWritableAsync(db, context, batch.OrganizationId, cancellationToken);

        var stored = await db.QueryAsync<StoredRow>("""
            select data::text as data, id_number_cipher, id_number_index, phone_cipher
            from personnel.import_row where batch_id = @BatchId order by row_number
            """, new { request.BatchId }, cancellationToken);
        var today = clock.Today;
        var people = stored.Select(r => (Id: Guid.CreateVersion7(), Row: r, Person: JsonSerializer.Deserialize<ImportedPerson>(r.Data, ImportedPerson.Json)!))
            .ToList();
        try
        {
            var connection = await db.ConnectionAsync(cancellationToken);
            await using var writer = await connection.BeginBinaryImportAsync("""
                copy personnel.person (id, organization_id, name, gender, birth_date, ethnicity, education, id_number_cipher, id_number_index,
                    phone_cipher, native_place, department, employee_number, party_status, applied_on, activist_on, candidate_on, joined_on,
                    converted_on, status_since, import_batch_id) from stdin (format binary)
                """, cancellationToken);
            foreach (var (id, row, p) in people)
            {
                var d = p.Dates;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(batch.OrganizationId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(p.Name!, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(p.Gender!, NpgsqlDbType.Char, cancellationToken);
                await writer.WriteAsync(p.BirthDate!.Value, NpgsqlDbType.Date, cancellationToken);
                await writer.WriteAsync(p.Ethnicity!, NpgsqlDbType.Char, cancellationToken);
                await Copy.WriteNullableAsync(writer, p.Education, NpgsqlDbType.Char, cancellationToken);
                await writer.WriteAsync(row.IdNumberCipher, NpgsqlDbType.Bytea, cancellationToken);
                await writer.WriteAsync(row.IdNumberIndex, NpgsqlDbType.Bytea, cancellationToken);
                await Copy.WriteNullableAsync(writer, row.PhoneCipher, NpgsqlDbType.Bytea, cancellationToken);
                await Copy.WriteNullableAsync(writer, p.NativePlace, NpgsqlDbType.Text, cancellationToken);
                await Copy.WriteNullableAsync(writer, p.Department, NpgsqlDbType.Text, cancellationToken);
                await Copy.WriteNullableAsync(writer, p.EmployeeNumber, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(p.PartyStatus!, NpgsqlDbType.Text, cancellationToken);
                foreach (var date in new[] { d.AppliedOn, d.ActivistOn, d.CandidateOn, d.JoinedOn, d.ConvertedOn })
                    await Copy.WriteNullableAsync(writer, date, NpgsqlDbType.Date, cancellationToken);
                await writer.WriteAsync(PartyDatesRules.DateOfStatus(p.PartyStatus!, d) ?? today, NpgsqlDbType.Date, cancellationToken);
                await writer.WriteAsync(batch.Id, NpgsqlDbType.Uuid, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            // Someone recorded one of these ID or employee numbers since the preview: nothing of the batch stays.
            PersonWrites.ThrowIfDuplicate(e);
            throw;
        }

        await db.ExecuteAsync("""
            insert into personnel.person_change (person_id, change, effective_on, after, recorded_by)
            select p.id, 'imported', @today, jsonb_build_object('name', p.name, 'organizationId', p.organization_id,
                'partyStatus', p.party_status, 'batchId', p.import_batch_id), @recordedBy
            from personnel.person p where p.import_batch_id = @batchId;
            update personnel.import_batch set status = 'committed', committed_at = now() where id = @batchId;
            -- the staged copy (with its ciphertexts) has served its purpose: keep only the batch record
            delete from personnel.import_row where batch_id = @batchId;
            """, new { today, recordedBy = context.Principal.UserId, batchId = batch.Id }, cancellationToken);
        await db.PublishAsync(people.Select(x => (IntegrationEvent)new PersonRecorded(x.Id, batch.OrganizationId, x.Person.Name!, x.Person.Gender!,
            x.Person.BirthDate!.Value, x.Person.Ethnicity!, x.Person.Education, x.Person.PartyStatus!, x.Person.Dates.JoinedOn,
            x.Person.Dates.ConvertedOn)).ToList(), cancellationToken);
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
