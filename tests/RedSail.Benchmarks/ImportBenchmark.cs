using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Npgsql;
using NpgsqlTypes;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;
using RedSail.Modules.Personnel.Features.SeedScaleData;
using RedSail.Testing;

/// <summary>
/// The people import end to end over HTTP (upload → preview → commit) of an N-row xlsx into one branch of the seeded
/// data set, beside a raw binary COPY of the same rows (already encrypted, no RedSail code) into the same table,
/// rolled back. The rows continue the seeded generator's sequence, so their ID and employee numbers are valid and
/// unique against the people already there. The imported batch is rolled back at the end (timed, not part of the goal),
/// so that the list's data set is the seeded one again.
/// </summary>
internal static class ImportBenchmark
{
    public sealed record Result(int Rows, long FileBytes, TimeSpan Upload, TimeSpan Commit, TimeSpan RawCopy, TimeSpan RollBack)
    {
        public TimeSpan Total => Upload + Commit;
        public double RowsPerSecond => Rows / Total.TotalSeconds;
        public double RawRowsPerSecond => Rows / RawCopy.TotalSeconds;
    }

    public static async Task<Result> RunAsync(TestHost host, ApiClient client, int seededPeople, int seed, DateOnly dataDate, int rows,
        string targetCode)
    {
        var generator = new ScaleDataGenerator(seed);
        generator.Organizations(seededPeople, out var members);
        var all = generator.People(seededPeople + WarmUpRows + rows, members, dataDate);
        var target = (await host.ScalarAsync<Guid>("select id from personnel.organization where code = @code", ("code", targetCode)))!;

        // A small import first, committed and rolled back: the measured one then runs on warm code, as a server's would.
        await ImportAsync(client, Xlsx(all[seededPeople..(seededPeople + WarmUpRows)]), target, WarmUpRows, rollBack: true);

        var people = all[(seededPeople + WarmUpRows)..];
        var file = Xlsx(people);
        var rawCopy = await RawCopyAsync(host, people, target);
        // Both start from the same table: the rolled-back rows' dead index entries and the trigram index's pending list cleaned up.
        await host.ExecuteAsync("vacuum analyze personnel.person");

        var (upload, commit, rollBack) = await ImportAsync(client, file, target, rows, rollBack: true);
        return new Result(rows, file.Length, upload, commit, rawCopy, rollBack);
    }

    private const int WarmUpRows = 2_000;

    private static async Task<(TimeSpan Upload, TimeSpan Commit, TimeSpan RollBack)> ImportAsync(ApiClient client, byte[] file, Guid target, int rows,
        bool rollBack)
    {
        var clock = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", "people.xlsx" },
            { new StringContent(target.ToString()), "organizationId" },
        };
        var preview = await JsonAsync(await client.Http.PostAsync("/api/personnel/people/imports", form));
        var upload = clock.Elapsed;
        if (preview.GetProperty("valid").GetInt32() != rows)
            throw new InvalidOperationException($"The preview found errors: {preview.GetProperty("errors")}");
        var batch = preview.GetProperty("batchId").GetGuid();
        clock.Restart();
        var committed = await JsonAsync(await client.PostAsync($"/api/personnel/people/imports/{batch}/commit"));
        var commit = clock.Elapsed;
        if (committed.GetProperty("imported").GetInt32() != rows) throw new InvalidOperationException($"Commit imported {committed}");
        clock.Restart();
        if (rollBack) await JsonAsync(await client.PostAsync($"/api/personnel/people/imports/{batch}/rollback"));
        return (upload, commit, clock.Elapsed);
    }

    /// <summary>The people as a user would fill the template: codes as their Chinese names on even rows, as codes on odd ones.</summary>
    private static byte[] Xlsx(ScalePerson[] people)
    {
        string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd");
        var headers = PeopleSheet.Columns.ToDictionary(c => c.Field, c => c.Header);
        var sheet = people.Select((p, i) =>
        {
            var named = i % 2 == 0;
            string? Coded(string field, string? code) => named ? PeopleSheet.Name(field, code) : code;
            return new Dictionary<string, object?>
            {
                [headers["name"]] = p.Name, [headers["gender"]] = Coded("gender", p.Gender), [headers["ethnicity"]] = Coded("ethnicity", p.Ethnicity),
                [headers["birthDate"]] = Date(p.BirthDate), [headers["idNumber"]] = p.IdNumber, [headers["nativePlace"]] = "北京市",
                [headers["phone"]] = Phone(i), [headers["employeeNumber"]] = p.EmployeeNumber, [headers["department"]] = "第一研究所",
                [headers["education"]] = Coded("education", p.Education), [headers["partyStatus"]] = Coded("partyStatus", p.PartyStatus),
                [headers["appliedOn"]] = Date(p.AppliedOn), [headers["activistOn"]] = Date(p.ActivistOn), [headers["candidateOn"]] = Date(p.CandidateOn),
                [headers["joinedOn"]] = Date(p.JoinedOn), [headers["convertedOn"]] = Date(p.ConvertedOn),
            };
        });
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, sheetName: PeopleSheet.DataSheet, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static string Phone(int i) => $"139{i:00000000}";

    /// <summary>
    /// The same rows by binary COPY as the table's owner, with ciphertexts and blind indexes computed beforehand (not timed), ids
    /// time-ordered as the import's (UUID v7), rolled back.
    /// </summary>
    private static async Task<TimeSpan> RawCopyAsync(TestHost host, ScalePerson[] people, Guid organization)
    {
        var cipher = host.Services.GetRequiredService<FieldCipher>();
        var blindIndex = host.Services.GetRequiredService<BlindIndex>();
        var encrypted = people.AsParallel().AsOrdered().Select((p, i) => (Id: cipher.Encrypt(p.IdNumber),
            Index: blindIndex.Compute(IdNumber.IndexPurpose, p.IdNumber), Phone: cipher.Encrypt(Phone(i)))).ToArray();

        await using var connection = new NpgsqlConnection(host.OwnerConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var clock = Stopwatch.StartNew();
        await using (var writer = await connection.BeginBinaryImportAsync("""
            copy personnel.person (id, organization_id, name, gender, birth_date, ethnicity, education, id_number_cipher, id_number_index,
                phone_cipher, native_place, department, employee_number, party_status, applied_on, activist_on, candidate_on, joined_on,
                converted_on, status_since) from stdin (format binary)
            """))
        {
            for (var i = 0; i < people.Length; i++)
            {
                var p = people[i];
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(organization, NpgsqlDbType.Uuid);
                await writer.WriteAsync(p.Name, NpgsqlDbType.Text);
                await writer.WriteAsync(p.Gender, NpgsqlDbType.Char);
                await writer.WriteAsync(p.BirthDate, NpgsqlDbType.Date);
                await writer.WriteAsync(p.Ethnicity, NpgsqlDbType.Char);
                await writer.WriteAsync(p.Education, NpgsqlDbType.Char);
                await writer.WriteAsync(encrypted[i].Id, NpgsqlDbType.Bytea);
                await writer.WriteAsync(encrypted[i].Index, NpgsqlDbType.Bytea);
                await writer.WriteAsync(encrypted[i].Phone, NpgsqlDbType.Bytea);
                await writer.WriteAsync("北京市", NpgsqlDbType.Text);
                await writer.WriteAsync("第一研究所", NpgsqlDbType.Text);
                await writer.WriteAsync(p.EmployeeNumber, NpgsqlDbType.Text);
                await writer.WriteAsync(p.PartyStatus, NpgsqlDbType.Text);
                foreach (var date in new[] { p.AppliedOn, p.ActivistOn, p.CandidateOn, p.JoinedOn, p.ConvertedOn })
                    if (date is { } d) await writer.WriteAsync(d, NpgsqlDbType.Date);
                    else await writer.WriteNullAsync();
                await writer.WriteAsync(p.StatusSince, NpgsqlDbType.Date);
            }
            await writer.CompleteAsync();
        }
        var elapsed = clock.Elapsed;
        await transaction.RollbackAsync();
        return elapsed;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
