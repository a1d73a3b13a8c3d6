using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.SeedDemoData;

namespace RedSail.Modules.Personnel.Features.SeedScaleData;

internal sealed record ScaleOrganization(Guid Id, Guid? ParentId, string Code, string Name, string Type, string Path);

/// <summary>A generated person; the ID number is plaintext here and encrypted before it is written.</summary>
internal sealed record ScalePerson(Guid Id, Guid OrganizationId, string Name, string Gender, DateOnly BirthDate, string Ethnicity,
    string Education, string IdNumber, string PartyStatus, DateOnly? AppliedOn, DateOnly? ActivistOn, DateOnly? CandidateOn,
    DateOnly? JoinedOn, DateOnly? ConvertedOn, DateOnly StatusSince, string EmployeeNumber);

/// <summary>
/// A large synthetic party organisation, reproducible from a seed, shaped like a big system:
/// root committee → regional committees (≈ people/16,000) → grassroots committees (≈10 general branches each)
/// → general branches (≈8 branches each) → branches → one party group per branch. People belong to branches
/// and party groups, ≈17 to each, so there are about people/17 organisations (≈63,000 for 1,000,000).
/// ID numbers are valid (GB 11643) and unique; party dates follow the order of the rules.
/// </summary>
internal sealed class ScaleDataGenerator(int seed)
{
    private static readonly string[] AddressCodes =
    [
        "110101", "110102", "110105", "110106", "110108", "120101", "130102", "140105", "210102", "220102", "310101", "310104",
        "320102", "330102", "340102", "350102", "360102", "370102", "410102", "420102", "430102", "440103", "450102", "500103",
        "510104", "520102", "530102", "610113", "620102", "650102",
    ];

    private readonly Random _random = new(seed);

    public IReadOnlyList<ScaleOrganization> Organizations(int people, out IReadOnlyList<ScaleOrganization> memberOrganizations)
    {
        var branches = Math.Max(1, (int)Math.Round(people / 34.0));
        var generals = Math.Max(1, (branches + 7) / 8);
        var committees = Math.Max(1, (generals + 9) / 10);
        var regions = Math.Clamp((int)Math.Round(people / 16_000.0), 1, committees);

        var list = new List<ScaleOrganization>(1 + regions + committees + generals + 2 * branches);
        var members = new List<ScaleOrganization>(2 * branches);
        var root = Add(list, null, "SC", "红帆集团党委", OrganizationTypes.Committee);
        var regionList = Enumerable.Range(0, regions).Select(r => Add(list, root, $"SC-R{r + 1}", $"第{r + 1}区域党委", OrganizationTypes.Committee)).ToList();
        var committeeList = Enumerable.Range(0, committees)
            .Select(c => Add(list, regionList[c % regions], $"SC-C{c + 1}", $"第{c + 1}基层党委", OrganizationTypes.Committee)).ToList();
        var generalList = Enumerable.Range(0, generals)
            .Select(g => Add(list, committeeList[g % committees], $"SC-G{g + 1}", $"第{g + 1}党总支", OrganizationTypes.GeneralBranch)).ToList();
        for (var b = 0; b < branches; b++)
        {
            var branch = Add(list, generalList[b % generals], $"SC-B{b + 1}", $"第{b + 1}党支部", OrganizationTypes.Branch);
            var group = Add(list, branch, $"SC-B{b + 1}-1", "第一党小组", OrganizationTypes.PartyGroup);
            members.Add(branch);
            members.Add(group);
        }
        memberOrganizations = members;
        return list;
    }

    public ScalePerson[] People(int count, IReadOnlyList<ScaleOrganization> memberOrganizations, DateOnly today)
    {
        var people = new ScalePerson[count];
        var idNumbers = new HashSet<string>(count);
        for (var i = 0; i < count; i++)
            people[i] = Person(i, memberOrganizations[i % memberOrganizations.Count].Id, today, idNumbers);
        return people;
    }

    private ScalePerson Person(int index, Guid organizationId, DateOnly today, HashSet<string> idNumbers)
    {
        var male = _random.NextDouble() < 0.7;
        var given = male ? DemoDataGenerator.MaleGiven : DemoDataGenerator.FemaleGiven;
        var name = DemoDataGenerator.Surnames[_random.Next(DemoDataGenerator.Surnames.Length)] + given[_random.Next(given.Length)]
                   + (_random.NextDouble() < 0.7 ? given[_random.Next(given.Length)].ToString() : "");

        // Mostly full members; some probationary members, candidates, activists and applicants.
        var roll = _random.NextDouble();
        var status = roll switch
        {
            < 0.86 => PartyStatus.FullMember,
            < 0.90 => PartyStatus.Probationary,
            < 0.92 => PartyStatus.Candidate,
            < 0.95 => PartyStatus.Activist,
            _ => PartyStatus.Applicant,
        };
        DateOnly? joined = null, converted = null, candidate = null, activist = null;
        DateOnly applied;
        switch (status)
        {
            case PartyStatus.FullMember or PartyStatus.Probationary:
                joined = status == PartyStatus.FullMember ? Between(today.AddYears(-50), today.AddYears(-1).AddDays(-1)) : Between(today.AddDays(-360), today);
                if (status == PartyStatus.FullMember) converted = PartyDatesRules.EarliestConversion(joined.Value, 0, PersonnelRules.Regulation2014);
                candidate = joined.Value.AddDays(-_random.Next(60, 180));
                activist = candidate.Value.AddDays(-_random.Next(365, 540));
                applied = activist.Value.AddDays(-_random.Next(90, 360));
                break;
            case PartyStatus.Candidate:
                candidate = Between(today.AddYears(-1), today);
                activist = candidate.Value.AddDays(-_random.Next(365, 540));
                applied = activist.Value.AddDays(-_random.Next(90, 360));
                break;
            case PartyStatus.Activist:
                activist = Between(today.AddYears(-2), today);
                applied = activist.Value.AddDays(-_random.Next(90, 360));
                break;
            default:
                applied = Between(today.AddYears(-1), today);
                break;
        }
        // At least 18 at application.
        var birth = applied.AddYears(-18).AddDays(-_random.Next(0, 365 * 22));
        var statusSince = status switch
        {
            PartyStatus.FullMember => converted!.Value,
            PartyStatus.Probationary => joined!.Value,
            PartyStatus.Candidate => candidate!.Value,
            PartyStatus.Activist => activist!.Value,
            _ => applied,
        };

        string idNumber;
        do
        {
            // The sequence's last digit is odd for men and even for women (GB 11643).
            var sequence = _random.Next(0, 500) * 2 + (male ? 1 : 0);
            idNumber = IdNumber.Compose(AddressCodes[_random.Next(AddressCodes.Length)], birth, sequence);
        } while (!idNumbers.Add(idNumber));

        var ethnicity = _random.NextDouble() < 0.91 ? "01" : DemoDataGenerator.MinorityCodes[_random.Next(DemoDataGenerator.MinorityCodes.Length)];
        var education = DemoDataGenerator.EducationCodes[_random.Next(DemoDataGenerator.EducationCodes.Length)];
        return new ScalePerson(NewId(), organizationId, name, male ? "1" : "2", birth, ethnicity, education, idNumber, status,
            applied, activist, candidate, joined, converted, statusSince, $"S{index + 1:0000000}");
    }

    private ScaleOrganization Add(List<ScaleOrganization> list, ScaleOrganization? parent, string code, string name, string type)
    {
        var id = NewId();
        var label = id.ToString("N");
        var organization = new ScaleOrganization(id, parent?.Id, code, name, type, parent is null ? label : $"{parent.Path}.{label}");
        list.Add(organization);
        return organization;
    }

    private DateOnly Between(DateOnly from, DateOnly to) => from.AddDays(_random.Next(Math.Max(1, to.DayNumber - from.DayNumber + 1)));

    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout, reproducible from the seed
        return new Guid(bytes);
    }
}
