using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks.Scheduling;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Features.RefreshTodos;
using RedSail.Modules.Workflow.Features.Todos;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>The clustered Quartz scheduler: its store in the platform schema, the modules' jobs in it, and a job that fires by itself.</summary>
public sealed class SchedulerTests
{
    [Test]
    public async Task Scheduled_commands_are_in_the_shared_store_and_fire_without_anyone_sending_them()
    {
        await using var host = await TestHost.StartFreshAsync(services: s => s
            .AddSingleton<ITodoSource, WorkflowFoundationTests.NamedPeopleSource>()
            .AddScheduledCommand("test.todos-every-second", "测试：每秒刷新待办", TimeSpan.FromSeconds(1), () => new RefreshTodos()));
        await host.SendAsync(new SeedDemoData());
        Assert.That(await Eventually.HoldsAsync(async () => await host.ScalarAsync<bool>(
            "select (select count(*) from workflow.person) = (select count(*) from personnel.person)"), 30000), Is.True);

        var jobs = await host.ScalarAsync<string>("select string_agg(trigger_name, ',' order by trigger_name) from platform.qrtz_triggers");
        Assert.That(jobs!.Split(','), Is.SupersetOf(new[] { "personnel.term-deadlines", "workflow.todos", "test.todos-every-second" }));
        Assert.That(await Eventually.HoldsAsync(async () => await host.ScalarAsync<long>("select count(*) from platform.qrtz_scheduler_state") == 1),
            Is.True, "the host checked in to the cluster");

        // Nobody sends RefreshTodos: the scheduler does, within a second or two of the person becoming due.
        await host.ExecuteAsync("update workflow.person set name = '待办' || name where id = (select id from workflow.person order by id limit 1)");
        Assert.That(await Eventually.HoldsAsync(async () => await host.ScalarAsync<long>(
            "select count(*) from workflow.todo where kind = 'test_named' and closed_at is null") == 1), Is.True);
    }
}
