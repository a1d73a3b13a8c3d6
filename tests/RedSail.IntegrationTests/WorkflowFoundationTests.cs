using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Features.RefreshTodos;
using RedSail.Modules.Workflow.Features.Todos;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>Workflow's read model of Personnel's organisations and people, and the to-do list's refresh.</summary>
public sealed class WorkflowFoundationTests
{
    /// <summary>A to-do for every person whose name starts with 待办: easy to make due and resolved from the test.</summary>
    internal sealed class NamedPeopleSource : ITodoSource
    {
        public string Kind => "test_named";
        public string DueSql => """
            select 'test_named:' || p.id as source, p.organization_id, p.id as subject_id, 'workflow.todos.test' as title_key,
                   jsonb_build_array(p.name) as args, '/personnel/people/' || p.id as link, @today::date as due_on
            from workflow.person p
            where p.name like '待办%' and p.organization_id = any(@organizationIds)
            """;
    }

    [Test]
    public async Task The_read_model_follows_Personnel_and_to_dos_open_and_close_with_what_is_due()
    {
        await using var host = await TestHost.StartFreshAsync(services: s => s.AddSingleton<ITodoSource, NamedPeopleSource>());
        await host.SendAsync(new SeedDemoData());
        var caughtUp = await Eventually.HoldsAsync(async () => await host.ScalarAsync<bool>("""
            select (select count(*) from workflow.person) = (select count(*) from personnel.person)
               and (select count(*) from workflow.organization) = (select count(*) from personnel.organization)
               and (select count(*) from workflow.committee_seat) = (select count(*) from personnel.committee_member where to_on is null)
            """), 30000);
        Assert.That(caughtUp, Is.True, "Workflow's copy of the demo institute is complete; " + await host.ScalarAsync<string>("""
            select format('people %s/%s, organisations %s/%s, seats %s/%s; errors: %s',
                (select count(*) from workflow.person), (select count(*) from personnel.person),
                (select count(*) from workflow.organization), (select count(*) from personnel.organization),
                (select count(*) from workflow.committee_seat), (select count(*) from personnel.committee_member where to_on is null),
                (select string_agg(distinct subscriber || ': ' || left(last_error, 300), ' | ') from personnel.outbox_delivery where last_error is not null))
            """));
        Assert.That(await host.ScalarAsync<bool>("""
            select not exists (
                select 1 from personnel.person p join workflow.person w on w.id = p.id
                where w.organization_id <> p.organization_id or w.party_status <> p.party_status or w.name <> p.name)
            and not exists (
                select 1 from personnel.organization o join workflow.organization w on w.id = o.id where w.path <> o.path)
            """), Is.True, "same organisations, paths, names and statuses");

        var person = await host.ScalarAsync<Guid>("select id from workflow.person order by id limit 1");
        await host.ExecuteAsync($"update workflow.person set name = '待办' || name where id = '{person}'");
        var opened = await host.SendAsync(new RefreshTodos());
        var again = await host.SendAsync(new RefreshTodos());
        Assert.Multiple(async () =>
        {
            Assert.That(opened.Changes, Is.GreaterThanOrEqualTo(1), "the demo's own to-dos (meeting quotas …) open too");
            Assert.That(again.Changes, Is.Zero, "a second refresh finds nothing to change");
            Assert.That(await host.ScalarAsync<long>(
                "select count(*) from workflow.todo where subject_id = @person and closed_at is null", ("person", person)), Is.EqualTo(1L));
            Assert.That(await host.ScalarAsync<long>(
                "select count(*) from workflow.outbox where event_type = 'TodoOpened' and payload->>'kind' = 'test_named'"), Is.EqualTo(1L));
            Assert.That(await host.ScalarAsync<long>(
                "select count(*) from workflow.outbox_delivery where subscriber like '%.OaTodos.%'"), Is.Zero,
                "without an OA to push to, no delivery of a to-do waits for the dispatcher");
        });

        // Resolved: it closes, once, and says so.
        await host.ExecuteAsync($"update workflow.person set name = substr(name, 3) where id = '{person}'");
        var closed = await host.SendAsync(new RefreshTodos());
        Assert.Multiple(async () =>
        {
            Assert.That(closed.Changes, Is.EqualTo(1), "only the resolved one changed");
            Assert.That(await host.ScalarAsync<long>(
                "select count(*) from workflow.todo where subject_id = @person and closed_at is null", ("person", person)), Is.Zero);
            Assert.That(await host.ScalarAsync<long>(
                "select count(*) from workflow.outbox where event_type = 'TodoClosed' and payload->>'kind' = 'test_named'"), Is.EqualTo(1L));
        });
    }
}
