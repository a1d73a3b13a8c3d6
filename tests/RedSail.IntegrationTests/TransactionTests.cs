using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using RedSail.Modules.Personnel;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>How the transaction behaviour runs a module's SQL: a command in one transaction, a query read-only without one.</summary>
public sealed class TransactionTests
{
    [Test]
    public async Task A_query_reads_but_the_server_refuses_its_writes()
    {
        await using var host = await TestHost.StartFreshAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PersonnelDb>();
        await db.BeginAsync(readOnly: true, CancellationToken.None);

        var read = await db.QuerySingleAsync<long>("select count(*) from personnel.organization");
        using (var grid = await db.QueryMultipleAsync("select 1; select 2"))
            Assert.That((await grid.ReadSingleAsync<int>(), await grid.ReadSingleAsync<int>()), Is.EqualTo((1, 2)), "one result per statement");
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteAsync("insert into personnel.import_batch (id, organization_id, file_name, sha256, row_count, error_count) values (gen_random_uuid(), gen_random_uuid(), 'x', '', 0, 0)"));

        var after = await db.QuerySingleAsync<int>("select 1 -- a refused write does not spoil the next read");

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.Zero);
            Assert.That(after, Is.EqualTo(1));
            Assert.That(db.Transaction, Is.Null, "no transaction block of its own");
            Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.ReadOnlySqlTransaction));
        });
    }

    [Test]
    public async Task A_command_commits_what_it_wrote_and_then_runs_what_waited_for_the_commit()
    {
        await using var host = await TestHost.StartFreshAsync();
        var ran = false;
        var id = Guid.NewGuid();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PersonnelDb>();
            await db.BeginAsync(readOnly: false, CancellationToken.None);
            await db.ExecuteAsync("insert into personnel.organization (id, code, name, type, path) values (@id, 'TX-1', '事务测试党委', 'committee', @path::ltree)",
                new { id, path = id.ToString("N") });
            db.AfterCommit(() => ran = true);
            Assert.That(ran, Is.False, "not before the commit");
            await db.CommitAsync(CancellationToken.None);
        }
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PersonnelDb>();
            await db.BeginAsync(readOnly: false, CancellationToken.None);
            db.AfterCommit(() => Assert.Fail("a rolled-back command's after-commit action ran"));
            await db.RollbackAsync();
        }

        Assert.That(ran, Is.True);
        Assert.That(await host.ScalarAsync<string>("select code from personnel.organization where id = @id", ("id", id)), Is.EqualTo("TX-1"));
    }
}
