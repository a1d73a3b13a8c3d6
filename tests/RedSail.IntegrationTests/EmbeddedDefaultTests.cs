using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NUnit.Framework;
using RedSail.Host.Startup;

namespace RedSail.IntegrationTests;

/// <summary>
/// The embedded default: with no connection string the host makes its own cluster under the data folder,
/// provisions and migrates it, and finds it again on the next start.
/// </summary>
public sealed class EmbeddedDefaultTests
{
    private string _dataPath = "";

    [SetUp]
    public void CreateFolder() => _dataPath = Path.Combine(Path.GetTempPath(), "redsail-embedded-" + Guid.NewGuid().ToString("N")[..8]);

    [TearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_dataPath)) Directory.Delete(_dataPath, recursive: true);
    }

    private static readonly long PlatformMigrations = typeof(RedSail.Migrations.SchemaMigrator).Assembly.GetTypes()
        .LongCount(t => t.Namespace == "RedSail.Migrations.Platform" && t.IsDefined(typeof(FluentMigrator.MigrationAttribute), false));

    private IConfiguration Configuration() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["RedSail:DataPath"] = _dataPath }).Build();

    [Test]
    public async Task A_private_cluster_is_created_migrated_and_reused_with_its_data()
    {
        int firstPort;
        await using (var first = await DatabaseBootstrap.PrepareAsync(Configuration(), NullLogger.Instance))
        {
            firstPort = first.Embedded!.Port;
            await Execute(first.Options.OwnerConnectionString, "insert into platform.setting values ('probe', 'kept')");
            Assert.That(await Scalar(first.Options.OwnerConnectionString, "select count(*) from platform.version_info"), Is.EqualTo(PlatformMigrations));
        }

        await using var second = await DatabaseBootstrap.PrepareAsync(Configuration(), NullLogger.Instance);
        Assert.Multiple(async () =>
        {
            Assert.That(second.IsEmbedded, Is.True);
            Assert.That(await Scalar(second.Options.OwnerConnectionString, "select value from platform.setting where key = 'probe'"), Is.EqualTo("kept"));
            Assert.That(await Scalar(second.Options.OwnerConnectionString, "show listen_addresses"), Is.EqualTo("127.0.0.1"));
            Assert.That(await Scalar(second.Options.OwnerConnectionString, "show fsync"), Is.EqualTo("on"));
            Assert.That(second.Embedded!.Port, Is.EqualTo(firstPort), "the port is kept while it is free");
        });
    }

    [Test]
    public async Task The_first_start_seeds_the_demo_and_one_account_per_role_once()
    {
        await using var database = await DatabaseBootstrap.PrepareAsync(Configuration(), NullLogger.Instance);
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });
        await using var app = RedSailApp.Build(builder, database);

        var printed = await DemoSetup.RunIfFirstStartAsync(app.Services, _dataPath, CancellationToken.None);
        var again = await DemoSetup.RunIfFirstStartAsync(app.Services, _dataPath, CancellationToken.None);
        var file = Path.Combine(_dataPath, "initial-credentials.txt");

        Assert.Multiple(async () =>
        {
            Assert.That(printed, Does.Contain("user: admin").And.Contain("TOTP secret"));
            Assert.That(again, Is.Null, "nothing is created twice");
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(await Scalar(database.Options.OwnerConnectionString, "select count(*) from platform.user_account"), Is.EqualTo(6L));
            Assert.That(await Scalar(database.Options.OwnerConnectionString,
                "select count(*) from platform.user_account where user_name = 'member' and employee_number = 'E0001'"), Is.EqualTo(1L),
                "the member's account belongs to a demo person, for self-service");
            Assert.That(await Scalar(database.Options.OwnerConnectionString, "select count(*) from personnel.person where party_status in ('full_member', 'probationary')"), Is.EqualTo(169L));
            Assert.That(await Scalar(database.Options.OwnerConnectionString,
                "select count(*) from platform.role_grant g join platform.organization o on o.id = g.organization_id"), Is.EqualTo(3L),
                "business roles are granted on organisations that reached the platform through events");
        });
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await new NpgsqlCommand(sql, connection).ExecuteScalarAsync();
    }
}
