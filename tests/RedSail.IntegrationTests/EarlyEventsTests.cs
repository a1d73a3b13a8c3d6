using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>
/// An event that reaches a module before the event creating the row it changes (a rename before the organisation, an update
/// before the person) waits for it and is applied after it, in every module's copy: the written order is not the delivered
/// order once two loops deliver side by side or a delivery is retried.
/// </summary>
public sealed class EarlyEventsTests
{
    [Test]
    public async Task Changes_delivered_before_the_row_they_change_wait_for_it_and_none_is_lost()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Outbox:Enabled"] = "false", ["Outbox:FirstRetryDelay"] = "00:00:00.020", ["Outbox:MaxAttempts"] = "30",
        };
        await using var host = await TestHost.StartFreshAsync(settings);
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var organization = Guid.CreateVersion7();
        var person = Guid.CreateVersion7();
        var term = Guid.CreateVersion7();
        await PublishAsync(host,
            new OrganizationCreated(organization, null, "EARLY-1", "原名党支部", "branch", organization.ToString("N")),
            new PersonRecorded(person, organization, "原名", "1", new DateOnly(1990, 1, 1), "01", "21", "full_member", new DateOnly(2015, 1, 1),
                new DateOnly(2016, 1, 1)),
            new OrganizationRenamed(organization, "新名党支部", today),
            new PersonUpdated(person, organization, "新名", "1", new DateOnly(1990, 1, 1), "01", "21"),
            new CommitteeElected(organization, term, 1, today.AddDays(-10), today.AddYears(3).AddDays(-10), [new CommitteeSeat(person, "secretary")]));

        // The creating events' first deliveries failed (say): they come due again only after the changes have been tried.
        var deferred = await host.ScalarAsync<long>("""
            with d as (
                update personnel.outbox_delivery d set next_attempt_at = now() + interval '1 second'
                from personnel.outbox o where o.event_id = d.event_id and o.event_type in ('OrganizationCreated', 'PersonRecorded')
                returning 1)
            select count(*) from d
            """);
        var settled = await Eventually.HoldsAsync(async () =>
        {
            await dispatcher.DispatchDueAsync();
            return await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where delivered_at is null") == 0;
        }, 60000);

        const string names = """
            select string_agg(n, ',' order by n) from (
                select 'workflow:' || name as n from workflow.organization where id = @organization
                union all select 'honors:' || name from honors.organization where id = @organization
                union all select 'archives:' || name from archives.organization where id = @organization
                union all select 'platform:' || name from platform.organization where id = @organization
                union all select 'analytics:' || name from analytics.organization where id = @organization
                union all select 'workflow-person:' || name from workflow.person where id = @person
                union all select 'honors-person:' || name from honors.person where id = @person
                union all select 'archives-person:' || name from archives.person where id = @person
                union all select 'analytics-person:' || name from analytics.member where person_id = @person) x
            """;
        Assert.Multiple(async () =>
        {
            Assert.That(deferred, Is.GreaterThan(2), "the creating events' deliveries to several modules were deferred");
            Assert.That(settled, Is.True, "every delivery was made");
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where parked_at is not null"), Is.Zero);
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where attempts > 1"), Is.GreaterThan(0),
                "changes were tried before their rows had arrived, and tried again");
            Assert.That(await host.ScalarAsync<string>(names, ("organization", organization), ("person", person)), Is.EqualTo(string.Join(',', new[]
            {
                "analytics-person:新名", "analytics:新名党支部", "archives-person:新名", "archives:新名党支部", "honors-person:新名", "honors:新名党支部",
                "platform:新名党支部", "workflow-person:新名", "workflow:新名党支部",
            }.Order(StringComparer.Ordinal))));
            Assert.That(await host.ScalarAsync<Guid?>("select term_id from workflow.organization where id = @organization", ("organization", organization)),
                Is.EqualTo(term), "the committee's term reached Workflow's copy");
            Assert.That(await host.ScalarAsync<long>("select count(*) from workflow.committee_seat where organization_id = @organization",
                ("organization", organization)), Is.EqualTo(1L));
        });
    }

    private static async Task PublishAsync(TestHost host, params IntegrationEvent[] events)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RedSail.Modules.Personnel.PersonnelDb>();
        await db.BeginAsync(readOnly: false, CancellationToken.None);
        await db.PublishAsync(events);
        await db.CommitAsync(CancellationToken.None);
    }
}
