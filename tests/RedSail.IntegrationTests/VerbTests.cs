using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>The host binary's verbs, run against a test database as the CLI runs them.</summary>
[NonParallelizable]
public sealed class VerbTests
{
    private static Task<(int Code, string Output)> RunAsync(string database, string verb, params string[] args) =>
        HostVerb.RunAsync(database, null, verb, args);

    [Test]
    public async Task Create_admin_makes_an_administrator_with_a_second_factor_and_shows_the_secret_once()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        Environment.SetEnvironmentVariable("REDSAIL_ADMIN_PASSWORD", "Chosen-by-operator 2026");
        try
        {
            var (code, output) = await RunAsync(database, "create-admin", "--user", "root-admin", "--name", "首位管理员");
            await using var host = await TestHost.StartAsync(database);
            Assert.Multiple(async () =>
            {
                Assert.That(code, Is.Zero, output);
                Assert.That(output, Does.Contain("TOTP secret").And.Not.Contain("Chosen-by-operator"), "a password the operator chose is not echoed");
                Assert.That(await host.ScalarAsync<string>(
                    "select g.role from platform.role_grant g join platform.user_account u on u.id = g.user_id where u.user_name = 'root-admin'"),
                    Is.EqualTo(RoleCatalog.SystemAdmin));
                Assert.That(await host.ScalarAsync<bool>("select totp_enrolled_at is not null from platform.user_account where user_name = 'root-admin'"), Is.True);
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("REDSAIL_ADMIN_PASSWORD", null);
        }
    }

    [Test]
    public async Task Create_admin_refuses_a_business_role_and_a_weak_password()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        var (businessRole, _) = await RunAsync(database, "create-admin", "--user", "someone", "--role", RoleCatalog.CommitteeAdmin);
        Environment.SetEnvironmentVariable("REDSAIL_ADMIN_PASSWORD", "password1234");
        try
        {
            var (weak, _) = await RunAsync(database, "create-admin", "--user", "someone");
            Assert.That((businessRole, weak), Is.EqualTo((2, 2)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("REDSAIL_ADMIN_PASSWORD", null);
        }
    }

    [Test]
    public async Task Reindex_rebuilds_the_archives_search_columns_in_batches_and_again_to_the_same_result()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        await using (var host = await TestHost.StartAsync(database))
            await host.ExecuteAsync($"""
                insert into archives.category (id, name) values ('{Guid.Empty}', '重建索引测试类别');
                insert into archives.document (id, title, doc_number, issued_on, issuing_body, category_id, organization_id)
                select gen_random_uuid(), '关于张建国同志任职的通知' || n, '院党发〔2021〕' || n || '号', date '2021-01-01', '院党委', '{Guid.Empty}', gen_random_uuid()
                from generate_series(1, 5) n;
                """);
        var first = await RunAsync(database, "reindex", "--batch", "2");
        string? vectors;
        await using (var host = await TestHost.StartAsync(database))
            vectors = await host.ScalarAsync<string>("select string_agg(search_vector::text || title_vector::text, '|' order by id) from archives.document");
        var second = await RunAsync(database, "reindex");
        await using (var host = await TestHost.StartAsync(database))
        {
            Assert.That(first.Code, Is.Zero);
            Assert.That(first.Output, Does.Contain("Reindexed 2 / 5").And.Contain("Reindexed 4 / 5").And.Contain("Search index rebuilt: 5 documents"));
            Assert.That(vectors, Does.Contain("'张建国':").And.Contain("'2021':"));
            Assert.That(second.Code, Is.Zero);
            Assert.That(await host.ScalarAsync<string>("select string_agg(search_vector::text || title_vector::text, '|' order by id) from archives.document"),
                Is.EqualTo(vectors));
        }
    }

    [Test]
    public async Task Verify_audit_reports_the_first_broken_link_with_exit_code_3()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        await using (var host = await TestHost.StartAsync(database))
        {
            for (var i = 0; i < 3; i++) await host.CreateUserAsync(RoleCatalog.SystemAdmin);
        }
        var intact = await RunAsync(database, "verify-audit");

        await using (var host = await TestHost.StartAsync(database))
            await host.ExecuteAsync("""
                alter table platform.audit_log disable trigger audit_log_append_only;
                update platform.audit_log set user_name = 'someone-else' where sequence = 2;
                alter table platform.audit_log enable trigger audit_log_append_only;
                """);
        var broken = await RunAsync(database, "verify-audit");

        Assert.Multiple(() =>
        {
            Assert.That(intact, Is.EqualTo((0, "Audit trail intact: 3 rows verified." + Environment.NewLine)));
            Assert.That(broken.Code, Is.EqualTo(3));
            Assert.That(broken.Output, Does.Contain("BROKEN at sequence 2"));
        });
    }

    [Test]
    public async Task Seed_demo_fills_an_empty_database_once()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        var first = await RunAsync(database, "seed", "demo");
        var second = await RunAsync(database, "seed", "demo");
        Assert.Multiple(() =>
        {
            Assert.That(first.Code, Is.Zero);
            Assert.That(first.Output, Does.StartWith("Demo data added: 193 people." + Environment.NewLine).And.Match(@"Demo party work added: \d+ rows\."));
            Assert.That(second.Output, Does.Contain("nothing added").And.Contain("party work was already there"));
        });
    }
}
