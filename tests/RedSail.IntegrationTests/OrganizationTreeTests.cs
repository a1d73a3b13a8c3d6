using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Errors;
using RedSail.BuildingBlocks.Events;
using RedSail.BuildingBlocks.Validation;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.CreateOrganization;
using RedSail.Modules.Personnel.Features.DissolveOrganization;
using RedSail.Modules.Personnel.Features.MergeOrganizations;
using RedSail.Modules.Personnel.Features.MoveOrganization;
using RedSail.Modules.Personnel.Features.RenameOrganization;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>
/// The organisation tree through the host's container against real PostgreSQL: roots, concurrent edits, deep moves,
/// and the platform's copy staying right when events are delivered again.
/// </summary>
public sealed class OrganizationTreeTests
{
    private static readonly DateOnly Past = new(2024, 7, 1);
    private static readonly Dictionary<string, string?> ManualDispatch = new() { ["Outbox:Enabled"] = "false" };

    private static Principal GlobalWriter() =>
        new(Guid.NewGuid(), "writer", null, ["committee_admin"], [new ScopedPermission(PersonnelPermissions.Write, null)]);

    private static Task<Guid> RootAsync(TestHost host) =>
        host.ScalarAsync<Guid>("select id from personnel.organization where parent_id is null");

    private static async Task<Guid> CreateAsync(TestHost host, string type, Guid parentId) =>
        (await host.SendAsync(new CreateOrganization($"T-{Guid.NewGuid().ToString("N")[..10]}", type + " 测试", type, parentId, null, Past))).Id;

    [Test]
    public async Task Only_the_system_creates_a_root_and_a_root_is_a_committee()
    {
        await using var host = await TestHost.StartFreshAsync(ManualDispatch);

        var root = await host.SendAsync(new CreateOrganization("ROOT-A", "甲单位党委", OrganizationTypes.Committee, null, null, null));
        var byUser = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            host.SendAsync(new CreateOrganization("ROOT-B", "乙单位党委", OrganizationTypes.Committee, null, null, null), GlobalWriter()));
        var notCommittee = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            host.SendAsync(new CreateOrganization("ROOT-C", "丙单位党支部", OrganizationTypes.Branch, null, null, null)));

        Assert.Multiple(async () =>
        {
            Assert.That(await host.ScalarAsync<string>("select path::text from personnel.organization where id = @id", ("id", root.Id)), Is.EqualTo(root.Id.ToString("N")));
            Assert.That(byUser!.Errors.Select(e => (e.Field, e.MessageKey)), Is.EqualTo(new[] { ("parentId", "validation.required") }));
            Assert.That(notCommittee!.Errors.Select(e => (e.Field, e.MessageKey)), Is.EqualTo(new[] { ("type", "organization.root_type") }));
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.organization"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Concurrent_renames_from_one_version_let_exactly_one_win()
    {
        await using var host = await TestHost.StartFreshAsync(ManualDispatch);
        await host.SendAsync(new SeedDemoData());
        var branch = await host.ScalarAsync<Guid>("select id from personnel.organization where code = 'RS-03'");

        var attempts = Enumerable.Range(1, 6).Select(async i =>
        {
            try
            {
                await host.SendAsync(new RenameOrganization(branch, $"并发更名{i}", Past, "并发测试", 1), GlobalWriter());
                return "won";
            }
            catch (ConcurrencyException e)
            {
                return $"conflict at {e.Extensions["currentVersion"]}";
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        Assert.Multiple(async () =>
        {
            Assert.That(outcomes.Count(o => o == "won"), Is.EqualTo(1));
            Assert.That(outcomes.Where(o => o != "won"), Is.All.EqualTo("conflict at 2"));
            Assert.That(await host.ScalarAsync<long>("select version from personnel.organization where id = @id", ("id", branch)), Is.EqualTo(2));
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.organization_history where organization_id = @id", ("id", branch)), Is.EqualTo(1));
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.outbox where event_type = 'OrganizationRenamed'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_five_level_subtree_moves_whole_and_the_platform_copy_follows()
    {
        await using var host = await TestHost.StartFreshAsync(ManualDispatch);
        await host.SendAsync(new SeedDemoData());
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        var root = await RootAsync(host);
        var committee = await CreateAsync(host, OrganizationTypes.Committee, root);
        var general = await CreateAsync(host, OrganizationTypes.GeneralBranch, committee);
        var branch = await CreateAsync(host, OrganizationTypes.Branch, general);
        var group = await CreateAsync(host, OrganizationTypes.PartyGroup, branch);
        var newParent = await CreateAsync(host, OrganizationTypes.Committee, root);

        await host.SendAsync(new MoveOrganization(committee, newParent, Past, "整建制划转", 1), GlobalWriter());
        while (await dispatcher.DispatchDueAsync() > 0) { }

        var expected = string.Join('.', new[] { root, newParent, committee, general, branch, group }.Select(id => id.ToString("N")));
        const string PathSql = "select path::text from {0}.organization where id = @id";
        Assert.Multiple(async () =>
        {
            Assert.That(await host.ScalarAsync<string>(string.Format(PathSql, "personnel"), ("id", group)), Is.EqualTo(expected));
            Assert.That(await host.ScalarAsync<string>(string.Format(PathSql, "platform"), ("id", group)), Is.EqualTo(expected));
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.organization where path <@ @p::ltree", ("p", $"{root:N}.{newParent:N}")),
                Is.EqualTo(5), "the new parent, and under it the committee, its general branch, branch and group");
            Assert.That(await host.ScalarAsync<long>("select version from personnel.organization where id = @id", ("id", general)), Is.EqualTo(1),
                "descendants keep their parent and version; only their paths change");
        });
    }

    [Test]
    public async Task Delivering_the_tree_events_again_leaves_the_platform_copy_unchanged()
    {
        await using var host = await TestHost.StartFreshAsync(ManualDispatch);
        await host.SendAsync(new SeedDemoData());
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        Task<Guid> Id(string code) => host.ScalarAsync<Guid>("select id from personnel.organization where code = @c", ("c", code));
        var root = await RootAsync(host);
        var general = await CreateAsync(host, OrganizationTypes.GeneralBranch, root);
        var empty = await CreateAsync(host, OrganizationTypes.Branch, root);
        await host.SendAsync(new RenameOrganization(await Id("RS-01"), "更名后的党支部", Past, "更名", 1), GlobalWriter());
        await host.SendAsync(new MoveOrganization(await Id("RS-02"), general, Past, "划转", 1), GlobalWriter());
        await host.SendAsync(new MergeOrganizations(await Id("RS-03"), await Id("RS-02"), Past, "合并", 1), GlobalWriter());
        await host.SendAsync(new DissolveOrganization(empty, Past, "撤销", 1), GlobalWriter());
        while (await dispatcher.DispatchDueAsync() > 0) { }
        const string Snapshot = """
            select string_agg(concat_ws('|', id, parent_id, name, type, path, status), E'\n' order by id) from platform.organization
            """;
        var once = await host.ScalarAsync<string>(Snapshot);

        // As if the platform had lost its inbox and every delivery were made again, in the original order.
        await host.ExecuteAsync("""
            delete from platform.inbox;
            update personnel.outbox_delivery set delivered_at = null where subscriber like 'RedSail.Platform.%';
            """);
        var redelivered = 0;
        while (await dispatcher.DispatchDueAsync() is > 0 and var n) redelivered += n;

        Assert.Multiple(async () =>
        {
            Assert.That(redelivered, Is.GreaterThan(56));
            Assert.That(await host.ScalarAsync<string>(Snapshot), Is.EqualTo(once));
            Assert.That(once, Does.Contain("更名后的党支部").And.Contain("|merged").And.Contain("|dissolved"));
            Assert.That(await host.ScalarAsync<long>("""
                select count(*) from personnel.organization p join platform.organization c on c.id = p.id
                where c.path <> p.path or c.parent_id is distinct from p.parent_id or c.name <> p.name or c.status <> p.status
                """), Is.Zero, "the copy matches the tree");
        });
    }
}
