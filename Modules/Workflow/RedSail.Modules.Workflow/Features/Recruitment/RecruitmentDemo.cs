using System.Text.Json;
using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Rules;
using RedSail.Modules.Workflow.Features.SeedDemoData;

namespace RedSail.Modules.Workflow.Features.Recruitment;

/// <summary>
/// The demo's recruitment files: every applicant, activist and candidate on a branch roster has a file with the steps their status
/// implies, dated as Personnel's demo dates them (applied 60 / 300 / 800 days ago, activist 90 / 600, candidate 100 days ago).
/// Every other applicant still waits for the talk, a month after applying: overdue.
/// </summary>
internal sealed class RecruitmentDemo(MessageCatalog messages) : IDemoPart<WorkflowDb>
{
    public int Order => 30;

    // Days before today of each step, by the status reached.
    private static readonly IReadOnlyDictionary<string, int[]> DaysAgo = new Dictionary<string, int[]>
    {
        ["applicant"] = [60, 50],
        ["activist"] = [300, 285, 90, 80, 75, 20],
        ["candidate"] = [800, 790, 600, 590, 585, 110, 100, 90, 80, 60],
    };

    public async Task<int> SeedAsync(WorkflowDb db, int seed, DateOnly today, CancellationToken ct)
    {
        var people = await db.QueryAsync<Person>("""
            select p.id, p.organization_id, p.party_status,
                   (select array_agg(m.id order by m.id) from workflow.person m
                    where m.organization_id = p.organization_id and m.party_status = 'full_member' and m.relation = 'active') as members
            from workflow.person p join workflow.organization o on o.id = p.organization_id
            where p.party_status in ('applicant', 'activist', 'candidate') and p.relation = 'active' and o.status = 'active'
              and not exists (select 1 from workflow.recruitment_file f where f.person_id = p.id)
            order by p.id
            """, null, ct);
        var ruleSets = await RuleBook.LoadAsync(db, ct);
        var files = new List<(Guid Id, Person Person, DateOnly AppliedOn, FileProgress Progress)>();
        var steps = new List<(Guid File, int Step, DateOnly On, string Actor, string[] Materials, StepDetails Details)>();
        var index = new Dictionary<string, int>();
        foreach (var person in people)
        {
            var n = index[person.PartyStatus] = index.GetValueOrDefault(person.PartyStatus) + 1;
            var days = DaysAgo[person.PartyStatus];
            // Every other file stops one step short: applicants without the talk, activists before the assessment, candidates before the review.
            var count = n % 2 == 0 ? days.Length : days.Length - 1;
            var id = Guid.CreateVersion7();
            var done = new Dictionary<int, DateOnly>();
            for (var s = 1; s <= count; s++)
            {
                var on = today.AddDays(-days[s - 1]);
                done[s] = on;
                var step = RecruitmentSteps.Get(s);
                steps.Add((id, s, on, messages.GetIn("zh-CN", "workflow.recruitment.actor." + step.Actor) ?? step.Actor, step.Materials.ToArray(),
                    Details(s, person, n + seed)));
            }
            var appliedOn = done[RecruitmentSteps.Application];
            files.Add((id, person, appliedOn, RecruitmentSchedule.Progress(done, 0, null, ruleSets.At(appliedOn).Recruitment)));
        }
        if (files.Count == 0) return 0;

        await db.ExecuteAsync("""
            insert into workflow.recruitment_file (id, person_id, organization_id, applied_on, rule_set_id, stage, next_step, next_due_on, next_earliest_on, status)
            select * from unnest(@ids, @people, @organizations, @applied, @ruleSets, @stages, @next, @due, @earliest, @statuses);
            insert into workflow.recruitment_step (file_id, step, completed_on, actor, materials, details)
            select file_id, step, completed_on, actor, materials::jsonb, details::jsonb
            from unnest(@stepFiles, @stepNumbers, @stepDates, @stepActors, @stepMaterials, @stepDetails)
                as s(file_id, step, completed_on, actor, materials, details);
            """, new
            {
                ids = files.Select(f => f.Id).ToArray(), people = files.Select(f => f.Person.Id).ToArray(),
                organizations = files.Select(f => f.Person.OrganizationId).ToArray(), applied = files.Select(f => f.AppliedOn).ToArray(),
                ruleSets = files.Select(f => ruleSets.VersionAt(f.AppliedOn)?.Id).ToArray(), stages = files.Select(f => f.Progress.Stage).ToArray(),
                next = files.Select(f => f.Progress.NextStep).ToArray(), due = files.Select(f => f.Progress.NextDueOn).ToArray(),
                earliest = files.Select(f => f.Progress.NextEarliestOn).ToArray(), statuses = files.Select(f => f.Progress.Status).ToArray(),
                stepFiles = steps.Select(s => s.File).ToArray(), stepNumbers = steps.Select(s => s.Step).ToArray(),
                stepDates = steps.Select(s => s.On).ToArray(), stepActors = steps.Select(s => s.Actor).ToArray(),
                stepMaterials = steps.Select(s => JsonSerializer.Serialize(s.Materials, RecruitmentFiles.Json)).ToArray(),
                stepDetails = steps.Select(s => JsonSerializer.Serialize(s.Details, RecruitmentFiles.Json)).ToArray(),
            }, ct);
        return files.Count + steps.Count;
    }

    /// <summary>Contacts and introducers from the branch's full members; a passed review.</summary>
    private static StepDetails Details(int step, Person person, int pick)
    {
        var members = person.Members ?? [];
        var offset = members.Length == 0 ? 0 : pick % members.Length;
        Guid[] Pick(int count) => members.Length < count ? [] : Enumerable.Range(0, count).Select(i => members[(offset + i) % members.Length]).ToArray();
        return step switch
        {
            RecruitmentSteps.Contacts => new StepDetails { Contacts = Pick(2) },
            RecruitmentSteps.Introducers => new StepDetails { Introducers = Pick(2) },
            RecruitmentSteps.PoliticalReview => new StepDetails { ReviewPassed = true },
            _ => StepDetails.None,
        };
    }

    private sealed class Person
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public string PartyStatus { get; init; } = "";
        public Guid[]? Members { get; init; }
    }
}
