using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using SeedScaleDataCommand = RedSail.Modules.Personnel.Contracts.SeedScaleData;

namespace RedSail.Modules.Personnel.Features.SeedScaleData;

/// <summary>
/// Writes the scale data set in the command's transaction: generates the tree and the people (serial, seeded),
/// encrypts the ID numbers and computes their blind index on all cores, then loads organisations and people with
/// binary COPY and records one 'recorded' change per person in one set-based insert.
/// Scale data is for benchmarks: it publishes no integration events (one per organisation or person would be
/// millions of outbox rows), so it is NOT propagated to other modules' read models (e.g. the platform's copy of the
/// organisation tree); only the Personnel schema holds it.
/// </summary>
internal sealed class SeedScaleDataHandler(PersonnelDb db, FieldCipher cipher, BlindIndex blindIndex, IClock clock)
    : IRequestHandler<SeedScaleDataCommand, SeedScaleResult>
{
    public async Task<SeedScaleResult> Handle(SeedScaleDataCommand request, CancellationToken cancellationToken)
    {
        if (request.People < 1 || await db.ExecuteScalarAsync<bool>("select exists (select 1 from personnel.organization)", null, cancellationToken))
            return new SeedScaleResult(0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

        var clockTime = Stopwatch.StartNew();
        var generator = new ScaleDataGenerator(request.Seed);
        var organizations = generator.Organizations(request.People, out var memberOrganizations);
        var people = generator.People(request.People, memberOrganizations, request.Today ?? clock.Today);
        var generation = clockTime.Elapsed;

        clockTime.Restart();
        var ciphers = new byte[people.Length][];
        var indexes = new byte[people.Length][];
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, people.Length, 4096),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    ciphers[i] = cipher.Encrypt(people[i].IdNumber);
                    indexes[i] = blindIndex.Compute(IdNumber.IndexPurpose, people[i].IdNumber);
                }
            });
        var encryption = clockTime.Elapsed;

        clockTime.Restart();
        var connection = await db.ConnectionAsync(cancellationToken); // the transaction behaviour's transaction is open on it
        await using (var import = await connection.BeginBinaryImportAsync(
            "copy personnel.organization (id, parent_id, code, name, type, path) from stdin (format binary)", cancellationToken))
        {
            foreach (var o in organizations)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(o.Id, NpgsqlDbType.Uuid, cancellationToken);
                if (o.ParentId is { } parent) await import.WriteAsync(parent, NpgsqlDbType.Uuid, cancellationToken);
                else await import.WriteNullAsync(cancellationToken);
                await import.WriteAsync(o.Code, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(o.Name, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(o.Type, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(o.Path, NpgsqlDbType.LTree, cancellationToken);
            }
            await import.CompleteAsync(cancellationToken);
        }
        await using (var import = await connection.BeginBinaryImportAsync("""
            copy personnel.person (id, organization_id, name, gender, birth_date, ethnicity, education, id_number_cipher, id_number_index,
                party_status, applied_on, activist_on, candidate_on, joined_on, converted_on, status_since, employee_number)
            from stdin (format binary)
            """, cancellationToken))
        {
            // Finishing a million-row COPY (the indexes) can outlast Npgsql's 30 s on a busy machine; the seed is a test and benchmark verb.
            import.Timeout = TimeSpan.Zero;
            for (var i = 0; i < people.Length; i++)
            {
                var p = people[i];
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(p.Id, NpgsqlDbType.Uuid, cancellationToken);
                await import.WriteAsync(p.OrganizationId, NpgsqlDbType.Uuid, cancellationToken);
                await import.WriteAsync(p.Name, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(p.Gender, NpgsqlDbType.Char, cancellationToken);
                await import.WriteAsync(p.BirthDate, NpgsqlDbType.Date, cancellationToken);
                await import.WriteAsync(p.Ethnicity, NpgsqlDbType.Char, cancellationToken);
                await import.WriteAsync(p.Education, NpgsqlDbType.Char, cancellationToken);
                await import.WriteAsync(ciphers[i], NpgsqlDbType.Bytea, cancellationToken);
                await import.WriteAsync(indexes[i], NpgsqlDbType.Bytea, cancellationToken);
                await import.WriteAsync(p.PartyStatus, NpgsqlDbType.Text, cancellationToken);
                await WriteDateAsync(import, p.AppliedOn, cancellationToken);
                await WriteDateAsync(import, p.ActivistOn, cancellationToken);
                await WriteDateAsync(import, p.CandidateOn, cancellationToken);
                await WriteDateAsync(import, p.JoinedOn, cancellationToken);
                await WriteDateAsync(import, p.ConvertedOn, cancellationToken);
                await import.WriteAsync(p.StatusSince, NpgsqlDbType.Date, cancellationToken);
                await import.WriteAsync(p.EmployeeNumber, NpgsqlDbType.Text, cancellationToken);
            }
            await import.CompleteAsync(cancellationToken);
        }
        var copy = clockTime.Elapsed;

        clockTime.Restart();
        await using (var command = new NpgsqlCommand("""
            insert into personnel.person_change (person_id, change, effective_on, after)
            select id, 'recorded', current_date, jsonb_build_object('name', name, 'partyStatus', party_status) from personnel.person
            """, connection, db.Transaction) { CommandTimeout = 0 })
            await command.ExecuteNonQueryAsync(cancellationToken);
        var changes = clockTime.Elapsed;

        return new SeedScaleResult(organizations.Count, people.Length, generation, encryption, copy, changes);
    }

    private static async Task WriteDateAsync(NpgsqlBinaryImporter import, DateOnly? value, CancellationToken ct)
    {
        if (value is { } date) await import.WriteAsync(date, NpgsqlDbType.Date, ct);
        else await import.WriteNullAsync(ct);
    }
}
