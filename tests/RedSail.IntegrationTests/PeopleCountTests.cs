using NUnit.Framework;
using RedSail.BuildingBlocks.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.CreateOrganization;
using RedSail.Modules.Personnel.Features.DissolveOrganization;
using RedSail.Modules.Personnel.Features.MergeOrganizations;
using RedSail.Modules.Personnel.Features.MoveOrganization;
using RedSail.Modules.Personnel.Features.RecordPerson;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>
/// The people count of every organisation's subtree (personnel.organization_people, kept by triggers) equals a recount
/// after each kind of write to people or to the tree, including writers in parallel under the same committee.
/// </summary>
public sealed class PeopleCountTests
{
    private static readonly DateOnly Past = new(2024, 7, 1);

    private static Principal GlobalWriter() =>
        new(Guid.NewGuid(), "writer", null, ["committee_admin"], [new ScopedPermission(PersonnelPermissions.Write, null)]);

    private static Task<Guid> IdAsync(TestHost host, string code) =>
        host.ScalarAsync<Guid>("select id from personnel.organization where code = @c", ("c", code));

    private static RecordPerson Person(Guid organization, int n)
    {
        var birth = new DateOnly(1980, 1, 1).AddDays(n);
        var basics = new PersonBasics($"计数人员{n}", "1", "01", birth, IdNumber.Compose("990201", birth, 101), null, null, null, null, "21");
        return new RecordPerson(organization, basics, PartyStatus.Applicant, new PartyDates(Past, null, null, null, null));
    }

    [Test]
    public async Task Subtree_counts_match_a_recount_after_records_moves_merges_and_dissolutions()
    {
        await using var host = await TestHost.StartFreshAsync(new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });
        await host.SendAsync(new SeedDemoData());
        Assert.That(await host.ScalarAsync<long>(PeopleCounts.MismatchesSql), Is.Zero, "after the demo data");
        var root = await host.ScalarAsync<Guid>("select id from personnel.organization where parent_id is null");
        Assert.That(await host.ScalarAsync<long>("select subtree_people from personnel.organization_people where organization_id = @r", ("r", root)),
            Is.EqualTo(await host.ScalarAsync<long>("select count(*) from personnel.person")));

        var general = (await host.SendAsync(new CreateOrganization("CNT-G", "计数党总支", OrganizationTypes.GeneralBranch, root, null, Past))).Id;
        await host.SendAsync(new MoveOrganization(await IdAsync(host, "RS-02"), general, Past, "划转", 1), GlobalWriter());
        await host.SendAsync(new MergeOrganizations(await IdAsync(host, "RS-03"), await IdAsync(host, "RS-02"), Past, "合并", 1), GlobalWriter());
        var empty = (await host.SendAsync(new CreateOrganization("CNT-E", "计数空支部", OrganizationTypes.Branch, general, null, Past))).Id;
        await host.SendAsync(new DissolveOrganization(empty, Past, "撤销", 1), GlobalWriter());
        var committee = (await host.SendAsync(new CreateOrganization("CNT-C", "计数党委", OrganizationTypes.Committee, root, null, Past))).Id;
        await host.SendAsync(new MoveOrganization(general, committee, Past, "再划转", 1), GlobalWriter());

        // Writers in parallel under the same root: they queue on the shared ancestors' counts instead of deadlocking.
        var branches = new[] { "RS-01", "RS-04", "RS-05", "RS-01-1", "RS-02" };
        var targets = await Task.WhenAll(branches.Select(code => IdAsync(host, code)));
        await Task.WhenAll(Enumerable.Range(0, 40).Select(n => host.SendAsync(Person(targets[n % targets.Length], n), GlobalWriter())));

        Assert.Multiple(async () =>
        {
            Assert.That(await host.ScalarAsync<long>(PeopleCounts.MismatchesSql), Is.Zero, "after moves, a merge, a dissolution and parallel records");
            Assert.That(await host.ScalarAsync<long>("select subtree_people from personnel.organization_people where organization_id = @g", ("g", general)),
                Is.EqualTo(await host.ScalarAsync<long>("""
                    select count(*) from personnel.person p join personnel.organization o on o.id = p.organization_id
                    where o.path <@ (select path from personnel.organization where id = @g)
                    """, ("g", general))).And.GreaterThan(0));
        });
    }
}
