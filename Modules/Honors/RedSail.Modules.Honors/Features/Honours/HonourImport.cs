using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;

namespace RedSail.Modules.Honors.Features.Honours;

/// <summary>One row of an honour sheet, read and checked: what it would record, or why it cannot.</summary>
internal sealed class ImportedHonour : IHonourForm
{
    public int Row { get; init; }
    public string? PersonName { get; init; }
    public string? OrganizationName { get; init; }
    public Guid? PersonId { get; set; }
    public Guid? OrganizationId { get; set; }
    public string? HonourType { get; init; }
    public string? HonourLevel { get; init; }
    public string? Title { get; init; }
    public string? ConferringBody { get; init; }
    public DateOnly? AwardedOn { get; init; }
    /// <summary>The date cell as typed, to say what could not be read as a date.</summary>
    public string? AwardedOnText { get; init; }
    public string? DocumentNumber { get; init; }
    public List<FieldError> Errors { get; } = [];
}

/// <summary>A row's error as the preview lists it.</summary>
internal sealed record ImportRowError(int Row, string Field, string Message);

/// <summary>
/// Reads an honour sheet for the committee (approve permission): each holder is found by name in the caller's scope — a
/// person by name (and organisation, when two share a name), an organisation by name when no person is named — and each row
/// checked as a proposal would be. Nothing is written here.
/// </summary>
internal sealed class HonourImport(HonorsDb db, RequestContext context, MessageCatalog messages, IClock clock)
{
    private sealed class Candidate
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Guid OrganizationId { get; init; }
        public string OrganizationName { get; init; } = "";
    }

    private static readonly string[] HolderDependent = ["honors.holder_required", "honors.type_for_people", "honors.type_for_organizations"];

    public async Task<IReadOnlyList<ImportedHonour>> ReadAsync(byte[] content, CancellationToken ct)
    {
        var rows = HonourSheet.Read(content).Select(r => new ImportedHonour
        {
            Row = r.Row, PersonName = HonourSheet.Text(r.Cells["personName"]), OrganizationName = HonourSheet.Text(r.Cells["organizationName"]),
            HonourType = HonourSheet.Code(messages, "type", HonourTypes.All.Select(t => t.Code), HonourSheet.Text(r.Cells["honourType"])),
            HonourLevel = HonourSheet.Code(messages, "level", HonourLevels.All, HonourSheet.Text(r.Cells["honourLevel"])),
            Title = HonourSheet.Text(r.Cells["title"]), ConferringBody = HonourSheet.Text(r.Cells["conferringBody"]),
            AwardedOn = HonourSheet.Date(r.Cells["awardedOn"]), AwardedOnText = HonourSheet.Text(r.Cells["awardedOn"]), DocumentNumber = HonourSheet.Text(r.Cells["documentNumber"]),
        }).ToList();
        var names = rows.Select(r => r.PersonName).OfType<string>().Distinct().ToArray();
        var organizationNames = rows.Where(r => r.PersonName is null).Select(r => r.OrganizationName).OfType<string>().Distinct().ToArray();
        var parameters = HonorsScope.Parameters(context, HonorsPermissions.Approve, new { names, organizationNames });
        var people = (await db.QueryAsync<Candidate>($"""
            select p.id, p.name, p.organization_id, o.name as organization_name from honors.person p join honors.organization o on o.id = p.organization_id
            where p.name = any(@names) and {HonorsScope.Within("o")}
            """, parameters, ct)).ToLookup(p => p.Name);
        var organizations = (await db.QueryAsync<Candidate>($"""
            select o.id, o.name, o.id as organization_id, o.name as organization_name from honors.organization o
            where o.name = any(@organizationNames) and o.status = 'active' and {HonorsScope.Within("o")}
            """, parameters, ct)).ToLookup(o => o.Name);

        foreach (var row in rows)
        {
            var errors = new ValidationErrors();
            if (row.PersonName is { } name)
            {
                var matches = people[name].Where(p => row.OrganizationName is null || p.OrganizationName == row.OrganizationName).ToList();
                if (matches.Count == 1) (row.PersonId, row.OrganizationId) = (matches[0].Id, matches[0].OrganizationId);
                else errors.Add("personName", matches.Count == 0 ? "honors.import.person_unknown" : "honors.import.person_ambiguous", name);
            }
            else if (row.OrganizationName is { } organization)
            {
                var matches = organizations[organization].ToList();
                if (matches.Count == 1) row.OrganizationId = matches[0].Id;
                else errors.Add("organizationName", matches.Count == 0 ? "honors.import.organization_unknown" : "honors.import.organization_ambiguous",
                    organization);
            }
            var form = new ValidationErrors();
            HonourForm.Validate(row, form, clock.Today);
            // A holder not found is said once, by name; what depends on the holder is judged when it is found.
            var holderUnknown = errors.Any;
            foreach (var error in form.All.Where(e => !(holderUnknown && HolderDependent.Contains(e.MessageKey))))
            {
                if (error.Field == "awardedOn" && row.AwardedOn is null && row.AwardedOnText is { } typed) errors.Add("awardedOn", "import.date_invalid", typed);
                else errors.Add(error.Field == "personId" ? "personName" : error.Field, error.MessageKey, error.Args);
            }
            row.Errors.AddRange(errors.All);
        }
        return rows;
    }

    public IReadOnlyList<ImportRowError> Describe(IEnumerable<ImportedHonour> rows) =>
        rows.SelectMany(r => r.Errors.Select(e => new ImportRowError(r.Row, e.Field, messages.FieldMessage(e, HonorsModule.Schema)))).ToList();
}
