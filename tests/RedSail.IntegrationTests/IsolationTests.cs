using Npgsql;
using NUnit.Framework;
using RedSail.BuildingBlocks.Data;
using RedSail.Migrations;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>The second wall between modules: each module's PostgreSQL role can use its own schema and nothing else.</summary>
public sealed class IsolationTests
{
    private string _database = "";
    private ModuleDataSources _sources = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await TestCluster.CreateDatabaseAsync();
        _sources = new ModuleDataSources(TestCluster.OptionsFor(_database), TestCluster.Keys);
    }

    [OneTimeTearDown]
    public ValueTask Dispose() => _sources.DisposeAsync();

    private static IEnumerable<TestCaseData> SchemaPairs() =>
        from own in SchemaMigrator.Schemas
        from other in SchemaMigrator.Schemas
        where own != other
        select new TestCaseData(own, other).SetName($"{own} cannot read {other}");

    [TestCaseSource(nameof(SchemaPairs))]
    public async Task A_module_role_cannot_read_another_modules_tables(string own, string other)
    {
        await using var connection = await _sources.For(own).OpenConnectionAsync();
        await using var mine = new NpgsqlCommand($"select count(*) from {own}.outbox", connection);
        Assert.That(await mine.ExecuteScalarAsync(), Is.EqualTo(0L), "its own schema works");

        await using var theirs = new NpgsqlCommand($"select count(*) from {other}.outbox", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => theirs.ExecuteScalarAsync());
        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [TestCaseSource(typeof(SchemaMigrator), nameof(SchemaMigrator.Schemas))]
    public async Task A_module_role_cannot_change_the_schema(string schema)
    {
        await using var connection = await _sources.For(schema).OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"create table {schema}.intruder (id int)", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [TestCase("update platform.audit_log set action = 'x'")]
    [TestCase("delete from platform.audit_log")]
    [TestCase("truncate platform.audit_log")]
    public async Task The_platform_role_cannot_rewrite_the_audit_trail(string sql)
    {
        await using var connection = await _sources.For("platform").OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [TestCase("personnel", "update personnel.person_change set reason = 'x'")]
    [TestCase("personnel", "delete from personnel.organization_history")]
    public async Task History_tables_are_append_only_for_their_module(string schema, string sql)
    {
        await using var connection = await _sources.For(schema).OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [Test]
    public async Task Even_the_owner_is_stopped_by_the_append_only_trigger()
    {
        await using var connection = new NpgsqlConnection(TestCluster.Server.ConnectionString(_database));
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand(
            "insert into platform.audit_log (sequence, occurred_at, action, result, previous_hash, hash) values (1, now(), 'probe', 'success', '\\x00', '\\x00')",
            connection))
            await insert.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand("delete from platform.audit_log", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.That(error!.MessageText, Does.Contain("append-only"));
    }
}
