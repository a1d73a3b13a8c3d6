using NUnit.Framework;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.SeedDemoData;

namespace RedSail.UnitTests;

public sealed class DemoDataTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Test]
    public void The_demo_institute_has_one_committee_sixteen_branches_and_169_members()
    {
        var (organizations, people) = new DemoDataGenerator(7).Generate(Today);
        Assert.Multiple(() =>
        {
            Assert.That(organizations.Count(o => o.Type == "committee"), Is.EqualTo(1));
            Assert.That(organizations.Count(o => o.Type == "branch"), Is.EqualTo(16));
            Assert.That(organizations.Count(o => o.Type == "party_group"), Is.EqualTo(32));
            Assert.That(people.Count(p => p.PartyStatus is "full_member" or "probationary"), Is.EqualTo(169));
            Assert.That(people.Count(p => p.PartyStatus is "applicant" or "activist" or "candidate"), Is.EqualTo(18));
            var unitedFront = organizations.Single(o => o.Type == "united_front").Id;
            Assert.That(people.Count(p => p.OrganizationId == unitedFront && p.PartyStatus == "non_member"), Is.EqualTo(6));
        });
    }

    [Test]
    public void Every_id_number_is_valid_and_agrees_with_birth_date_and_gender()
    {
        var (_, people) = new DemoDataGenerator(7).Generate(Today);
        Assert.Multiple(() =>
        {
            foreach (var p in people)
            {
                Assert.That(p.IdNumber[17], Is.EqualTo(IdNumber.CheckCharacter(p.IdNumber.AsSpan(0, 17))), p.IdNumber);
                Assert.That(p.IdNumber.Substring(6, 8), Is.EqualTo(p.BirthDate.ToString("yyyyMMdd")), p.IdNumber);
                Assert.That((p.IdNumber[16] - '0') % 2 == 1, Is.EqualTo(p.Gender == '1'), p.IdNumber);
            }
            Assert.That(people.Select(p => p.IdNumber).Distinct().Count(), Is.EqualTo(people.Count));
        });
    }

    [Test]
    public void Members_are_adults_who_joined_after_turning_18()
    {
        var (_, people) = new DemoDataGenerator(7).Generate(Today);
        Assert.That(people.Where(p => p.JoinedOn is { } j && j < p.BirthDate.AddYears(18)), Is.Empty);
    }

    [Test]
    public void The_same_seed_gives_the_same_institute()
    {
        var a = new DemoDataGenerator(42).Generate(Today);
        var b = new DemoDataGenerator(42).Generate(Today);
        Assert.That(b.People.Select(p => (p.Id, p.Name, p.IdNumber)), Is.EqualTo(a.People.Select(p => (p.Id, p.Name, p.IdNumber))));
    }

    [Test]
    public void Paths_list_the_ancestors_from_the_root()
    {
        var (organizations, _) = new DemoDataGenerator(7).Generate(Today);
        var byId = organizations.ToDictionary(o => o.Id);
        foreach (var o in organizations.Where(o => o.ParentId is not null))
            Assert.That(o.Path, Is.EqualTo(byId[o.ParentId!.Value].Path + "." + o.Id.ToString("N")));
    }

    [Test]
    public void Every_demo_entry_passes_its_information_sets_rules()
    {
        var (organizations, people) = new DemoDataGenerator(7).Generate(Today);
        var records = new DemoRecordsGenerator(7).Generate(organizations, people, Today);
        var failures = records.Select(r =>
        {
            var errors = new RedSail.BuildingBlocks.Validation.ValidationErrors();
            var values = r.Values.ToDictionary(v => v.Key, v => System.Text.Json.JsonSerializer.SerializeToElement(v.Value));
            InformationSets.Check(InformationSets.Find(r.Set)!, values, r.From, r.To, Today, errors);
            return (r.Set, Errors: string.Join(", ", errors.All.Select(e => $"{e.Field}:{e.MessageKey}")));
        }).Where(f => f.Errors.Length > 0).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(records.Select(r => r.Set).Distinct(), Is.EquivalentTo(new[]
                { "education", "post", "mass_org", "traits", "family", "reward", "care", "united_front" }));
            Assert.That(records.Count(r => r.Set == "traits"), Is.EqualTo(records.Select(r => (r.PersonId, r.Set)).Where(k => k.Set == "traits").Distinct().Count()),
                "at most one traits entry per person");
        });
    }
}
