using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks;
using RedSail.BuildingBlocks.Access;
using RedSail.Modules.Personnel;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.ApplyRecruitmentDecision;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>发展党员 across modules: Workflow's file decides, Personnel's register follows through the outbox.</summary>
public sealed class RecruitmentJourneyTests
{
    [Test]
    public async Task A_journey_from_application_to_conversion_ends_with_a_full_member_in_Personnel()
    {
        await using var host = await TestHost.StartFreshAsync();
        await host.SendAsync(new SeedDemoData());
        Assert.That(await Eventually.HoldsAsync(async () => await host.ScalarAsync<bool>(
            "select (select count(*) from workflow.person) = (select count(*) from personnel.person)"), 30000), Is.True, "Workflow's roster caught up");
        var root = await host.ScalarAsync<Guid>("select id from platform.organization where parent_id is null");
        var branch = await host.ScalarAsync<Guid>("select id from personnel.organization where code = 'RS-01'");
        using var client = host.Client();
        await client.SignInAsync(await host.CreateUserAsync(RoleCatalog.CommitteeAdmin, root));

        var today = host.Services.GetRequiredService<IClock>().Today;
        var applied = today.AddDays(-1100);
        var dates = RecruitmentJourney.Dates(applied);
        var person = await RecruitmentJourney.RecordApplicantAsync(host, client, branch, applied, new DateOnly(1995, 4, 12), "林晓雨");
        var members = await RecruitmentJourney.MembersAsync(host, branch);
        var file = await RecruitmentJourney.OpenAsync(client, person, applied);

        Task<string?> Status() => host.ScalarAsync<string>("select party_status from personnel.person where id = @id", ("id", person));
        async Task<bool> Reaches(string status) => await Eventually.HoldsAsync(async () => await Status() == status);

        await RecruitmentJourney.CompleteThroughAsync(client, file, 2, 7, dates, members);
        Assert.That(await Reaches("candidate"), Is.True, "step 3 made an activist, step 7 a candidate");
        await RecruitmentJourney.CompleteThroughAsync(client, file, 8, 17, dates, members);
        Assert.That(await Reaches("probationary"), Is.True, "the approval admits the probationary member");
        await RecruitmentJourney.CompleteThroughAsync(client, file, 18, 25, dates, members);
        Assert.That(await Reaches("full_member"), Is.True, "the conversion's approval makes a full member");

        var vote = dates[15];
        Assert.Multiple(async () =>
        {
            Assert.That(await host.ScalarAsync<DateOnly>("select joined_on from personnel.person where id = @id", ("id", person)),
                Is.EqualTo(vote), "probation counts from the 支部大会 vote");
            Assert.That(await host.ScalarAsync<DateOnly>("select converted_on from personnel.person where id = @id", ("id", person)),
                Is.EqualTo(vote.AddMonths(12)), "full member at the end of the year's probation");
            Assert.That(await host.ScalarAsync<DateOnly>("select activist_on from personnel.person where id = @id", ("id", person)),
                Is.EqualTo(dates[3]));
            Assert.That(await host.ScalarAsync<long>(
                "select count(*) from personnel.person_change where person_id = @id and change = 'party_status'", ("id", person)), Is.EqualTo(4L),
                "one line of the timeline per decision");
            Assert.That(await host.ScalarAsync<string>("select status from workflow.recruitment_file where id = @id", ("id", file)), Is.EqualTo("converted"));
            Assert.That(await host.ScalarAsync<int>("select next_step from workflow.recruitment_file where id = @id", ("id", file)), Is.EqualTo(26));
        });
        var timeline = await RecruitmentJourney.FileAsync(client, file);
        Assert.Multiple(() =>
        {
            Assert.That(timeline.GetProperty("steps").EnumerateArray().All(s => s.GetProperty("state").GetString() == "done"), Is.True);
            Assert.That(timeline.GetProperty("people").EnumerateObject().Count(), Is.EqualTo(2), "the introducers and contacts by name");
            Assert.That(timeline.GetProperty("probationEndsOn").GetString(), Is.EqualTo(vote.AddMonths(12).ToString("yyyy-MM-dd")));
        });
        // Workflow's read model learned it from Personnel's PartyStatusChanged.
        Assert.That(await Eventually.HoldsAsync(async () => await host.ScalarAsync<bool>(
            "select party_status = 'full_member' and converted_on = @c from workflow.person where id = @id", ("id", person),
            ("c", vote.AddMonths(12)))), Is.True);

        // A redelivery of the conversion (past the inbox, as after a restore) changes nothing; an impossible decision is ignored.
        var version = await host.ScalarAsync<long>("select version from personnel.person where id = @id", ("id", person));
        await ApplyAsync(host, new RecruitmentStatusDecided(file, person, branch, 24, "full_member", vote.AddMonths(12), 0, "重复投递"));
        await ApplyAsync(host, new RecruitmentStatusDecided(file, person, branch, 3, "activist", dates[3], 0, "不可能的转换"));
        Assert.That(await host.ScalarAsync<long>("select version from personnel.person where id = @id", ("id", person)), Is.EqualTo(version));
        Assert.That(await Status(), Is.EqualTo("full_member"));
    }

    /// <summary>Runs Personnel's subscriber in its own transaction, as the dispatcher does.</summary>
    private static async Task ApplyAsync(TestHost host, RecruitmentStatusDecided decided)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().Principal = Principal.System;
        var db = scope.ServiceProvider.GetRequiredService<PersonnelDb>();
        await db.BeginAsync(readOnly: false, CancellationToken.None);
        await ActivatorUtilities.CreateInstance<ApplyRecruitmentDecision>(scope.ServiceProvider).Handle(decided, CancellationToken.None);
        await db.CommitAsync(CancellationToken.None);
    }
}
