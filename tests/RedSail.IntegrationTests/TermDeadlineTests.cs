using NUnit.Framework;
using RedSail.BuildingBlocks;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.AnnounceTermDeadlines;
using RedSail.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RedSail.IntegrationTests;

/// <summary>The hourly announcement of committee terms ending soon or over: once per term, whoever sends it and how often.</summary>
public sealed class TermDeadlineTests
{
    [Test]
    public async Task Expiring_and_expired_terms_are_each_announced_once()
    {
        await using var host = await TestHost.StartFreshAsync();
        await host.SendAsync(new SeedDemoData());
        var today = host.Services.GetRequiredService<IClock>().Today;
        // Three demo branches' current terms (elected in the last year, so never announced): one now ending in three months
        // (inside the six months' notice), one ended last month, one far off.
        await host.ExecuteAsync($"""
            update personnel.committee_term t set ends_on = x.ends_on, expiring_announced_at = null, expired_announced_at = null
            from (values ('RS-01', date '{today.AddMonths(3):yyyy-MM-dd}'), ('RS-02', date '{today.AddMonths(-1):yyyy-MM-dd}'),
                         ('RS-03', date '{today.AddYears(2):yyyy-MM-dd}')) as x(code, ends_on)
            join personnel.organization o on o.code = x.code
            where t.organization_id = o.id and t.status = 'current'
            """);

        // Sent twice at once, as two hosts' schedulers might, then once more.
        await Task.WhenAll(host.SendAsync(new AnnounceTermDeadlines()), host.SendAsync(new AnnounceTermDeadlines()));
        await host.SendAsync(new AnnounceTermDeadlines());

        Task<long> Announced(string type, string code) => host.ScalarAsync<long>("""
            select count(*) from personnel.outbox e join personnel.organization o on o.id = (e.payload->>'organizationId')::uuid
            where e.event_type = @type and o.code = @code
            """, ("type", type), ("code", code));
        Assert.Multiple(async () =>
        {
            Assert.That(await Announced("OrganizationTermExpiring", "RS-01"), Is.EqualTo(1L));
            Assert.That(await Announced("OrganizationTermExpired", "RS-01"), Is.Zero);
            Assert.That(await Announced("OrganizationTermExpired", "RS-02"), Is.EqualTo(1L));
            Assert.That(await Announced("OrganizationTermExpiring", "RS-03") + await Announced("OrganizationTermExpired", "RS-03"), Is.Zero);
        });
    }
}
