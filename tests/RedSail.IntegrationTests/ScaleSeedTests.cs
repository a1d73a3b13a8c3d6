using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NUnit.Framework;
using RedSail.Host.Cli;
using RedSail.Host.Startup;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>The <c>seed --scale N</c> verb writes a consistent tree and valid, unique, encrypted people.</summary>
[NonParallelizable]
public sealed class ScaleSeedTests
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private static bool ValidIdNumber(string id)
    {
        if (id.Length != 18 || id.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9')) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (id[i] - '0') * Weights[i];
        return "10X98765432"[sum % 11] == id[17] && DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", out _);
    }

    [Test]
    public async Task Seed_scale_2000_makes_a_valid_tree_of_about_n_over_17_organisations_with_valid_unique_id_numbers()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RedSail"] = TestCluster.Server.ConnectionString(database),
            ["RedSail:KeyRingPath"] = TestCluster.KeyRingPath,
        });
        int code;
        var output = new StringWriter();
        await using (var bootstrap = await DatabaseBootstrap.PrepareAsync(builder.Configuration, NullLogger.Instance))
        await using (var app = RedSailApp.Build(builder, bootstrap))
        {
            var original = Console.Out;
            Console.SetOut(output);
            try { code = await Verbs.RunAsync("seed", ["--scale", "2000"], app, bootstrap); }
            finally { Console.SetOut(original); }
        }

        await using var connection = new NpgsqlConnection(TestCluster.Server.ConnectionString(database));
        await connection.OpenAsync();
        async Task<long> Count(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }

        var cipher = new RedSail.BuildingBlocks.Security.FieldCipher(TestCluster.Keys);
        var idNumbers = new List<string>();
        var genderAgrees = true;
        await using (var command = new NpgsqlCommand("select id_number_cipher, gender, birth_date from personnel.person", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var id = cipher.Decrypt((byte[])reader[0]);
                idNumbers.Add(id);
                genderAgrees &= ((id[16] - '0') % 2 == 1 ? "1" : "2") == reader.GetString(1)
                                && id.Substring(6, 8) == reader.GetFieldValue<DateOnly>(2).ToString("yyyyMMdd");
            }

        var organizations = await Count("select count(*) from personnel.organization");
        Assert.Multiple(async () =>
        {
            Assert.That(code, Is.Zero, output.ToString());
            Assert.That(output.ToString(), Does.Contain("rows/s"));
            Assert.That(await Count("select count(*) from personnel.person"), Is.EqualTo(2000));
            Assert.That(organizations, Is.InRange(2000 / 17 * 8 / 10, 2000 / 17 * 12 / 10), "about N/17 organisations");
            Assert.That(await Count("select count(*) from personnel.organization where parent_id is null"), Is.EqualTo(1));
            Assert.That(await Count("select max(nlevel(path))::bigint from personnel.organization"), Is.EqualTo(6L));
            Assert.That(await Count("""
                select count(*) from personnel.organization o
                where nlevel(o.path) > 1 and not exists (
                    select 1 from personnel.organization parent where parent.id = o.parent_id and parent.path = subpath(o.path, 0, nlevel(o.path) - 1))
                """), Is.Zero, "every path's parent exists and is the parent");
            Assert.That(idNumbers.All(ValidIdNumber), Is.True, "every ID number passes the GB 11643 check");
            Assert.That(idNumbers.Distinct().Count(), Is.EqualTo(2000), "ID numbers are unique");
            Assert.That(genderAgrees, Is.True, "ID numbers agree with gender and birth date");
            Assert.That(await Count("select count(distinct id_number_index) from personnel.person"), Is.EqualTo(2000));
            Assert.That(await Count("select count(*) from personnel.person_change where change = 'recorded'"), Is.EqualTo(2000));
            Assert.That(await Count("""
                select count(*) from personnel.person where party_status = 'full_member'
                  and (converted_on is null or joined_on is null or converted_on < joined_on + 365 or converted_on > current_date
                       or applied_on > activist_on or activist_on > candidate_on or candidate_on > joined_on or applied_on < birth_date + interval '18 years')
                """), Is.Zero, "party dates follow the rules");
            Assert.That(await Count("select count(distinct party_status) from personnel.person"), Is.GreaterThanOrEqualTo(4L));
            Assert.That(await Count(PeopleCounts.MismatchesSql), Is.Zero, "the people list's subtree counts include the loaded people");
        });
    }
}
