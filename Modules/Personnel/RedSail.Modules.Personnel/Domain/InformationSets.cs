using System.Text.Json;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Personnel.Domain;

internal enum SetFieldKind { Text, LongText, Code, Year, Date, Organization }

/// <summary>
/// One field of an information set. <see cref="Sensitive"/> fields (health, family details, requests for help) are
/// encrypted at rest and masked in responses (SECURITY.md); <see cref="Searchable"/> ones feed the people list's
/// keyword filters (specialty, skills, titles).
/// </summary>
internal sealed record SetField(string Name, SetFieldKind Kind, bool Required = false, int MaxLength = 100, string? Codes = null,
    bool Sensitive = false, bool Searchable = false);

/// <summary>
/// A repeatable information set of a person (shared/DOMAIN.md §3): its fields, whether entries carry a period
/// (from/to) and whether a person has at most one current entry (traits, united-front category).
/// </summary>
internal sealed record InformationSet(string Kind, IReadOnlyList<SetField> Fields, bool HasPeriod, bool FromRequired, bool SingleCurrent,
    Action<IReadOnlyDictionary<string, string>, ValidationErrors>? CrossCheck = null)
{
    public IEnumerable<SetField> Sensitive => Fields.Where(f => f.Sensitive);
}

internal static class InformationSets
{
    private static SetField Text(string name, bool required = false, int max = 100, bool sensitive = false, bool searchable = false) =>
        new(name, SetFieldKind.Text, required, max, null, sensitive, searchable);

    private static SetField Long(string name, bool required = false, bool sensitive = false, bool searchable = false) =>
        new(name, SetFieldKind.LongText, required, 2000, null, sensitive, searchable);

    private static SetField Coded(string name, string table, bool required = false) => new(name, SetFieldKind.Code, required, 16, table);

    public static readonly IReadOnlyList<InformationSet> All =
    [
        new("education", [Coded("education", "education", required: true), Coded("degree", "degree"), Text("school", required: true),
            Text("major"), Coded("studyMode", "study_mode")], HasPeriod: true, FromRequired: false, SingleCurrent: false),
        new("post", [Text("post", required: true, searchable: true), Text("title", searchable: true), Coded("titleLevel", "title_level"),
            Text("department"), Coded("occupation", "occupation")], HasPeriod: true, FromRequired: true, SingleCurrent: false),
        new("family", [Coded("relation", "family_relation", required: true), Text("name", required: true, max: 50, sensitive: true),
            new("birthYear", SetFieldKind.Year), Coded("politicalStatus", "political_status"), Text("workUnit", max: 200, sensitive: true)],
            HasPeriod: false, FromRequired: false, SingleCurrent: false),
        new("reward", [Coded("kind", "reward_kind", required: true), Text("name", required: true, max: 200), Coded("level", "honor_level"),
            Text("conferredBy", max: 200), Text("documentNumber", max: 64)], HasPeriod: false, FromRequired: true, SingleCurrent: false),
        new("abroad", [Text("destination", required: true), Text("purpose", max: 200), Text("approvalNumber", max: 64)],
            HasPeriod: true, FromRequired: true, SingleCurrent: false),
        new("care", [Coded("category", "care_category", required: true), Long("request", required: true, sensitive: true),
            Long("response", sensitive: true), Coded("status", "care_status", required: true)],
            HasPeriod: false, FromRequired: true, SingleCurrent: false, CrossCheck: AnsweredNeedsResponse),
        new("traits", [Text("specialty", max: 200, searchable: true), Text("skills", max: 200, searchable: true),
            Text("hobbies", max: 200, searchable: true), Long("health", sensitive: true), Long("children", sensitive: true)],
            HasPeriod: false, FromRequired: false, SingleCurrent: true),
        new("mass_org", [new("organization", SetFieldKind.Organization, Required: true), Text("post", max: 50)],
            HasPeriod: true, FromRequired: true, SingleCurrent: false),
        new("united_front", [Coded("category", "united_front_category", required: true), Coded("democraticParty", "democratic_party"),
            Long("notes")], HasPeriod: true, FromRequired: false, SingleCurrent: true, CrossCheck: DemocraticPartyForItsMembers),
    ];

    private static readonly Dictionary<string, InformationSet> ByKind = All.ToDictionary(s => s.Kind);

    public static InformationSet? Find(string? kind) => kind is null ? null : ByKind.GetValueOrDefault(kind);

    /// <summary>The mass organisations a membership may name (工会, 女职工委员会, 团委/团支部, 妇委会).</summary>
    public static readonly IReadOnlySet<string> MassOrganizationTypes = new HashSet<string>
    {
        OrganizationTypes.Union, OrganizationTypes.WomenWorkers, OrganizationTypes.YouthLeague, OrganizationTypes.YouthLeagueBranch,
        OrganizationTypes.WomenCommittee,
    };

    /// <summary>
    /// Checks one entry: known fields only, required ones present, lengths, code values, years, the period's order and
    /// the set's own cross-field rule. Returns the values as stored (trimmed, blanks dropped). Field errors are named
    /// <c>{set}.{field}</c> so that their labels are the set's own. <paramref name="kept"/> holds the stored values of fields an
    /// update leaves out (sensitive ones the caller only saw masked): they count as given, for the required and cross-field rules.
    /// </summary>
    public static Dictionary<string, string> Check(InformationSet set, IReadOnlyDictionary<string, JsonElement>? values, DateOnly? from, DateOnly? to,
        DateOnly today, ValidationErrors errors, IReadOnlyDictionary<string, string>? kept = null)
    {
        var clean = new Dictionary<string, string>();
        var given = values ?? new Dictionary<string, JsonElement>();
        foreach (var name in given.Keys.Where(k => set.Fields.All(f => f.Name != k))) errors.Add($"{set.Kind}.{name}", "records.unknown_field");
        foreach (var field in set.Fields)
        {
            var key = $"{set.Kind}.{field.Name}";
            if (!given.TryGetValue(field.Name, out var element) || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                if (kept?.TryGetValue(field.Name, out var stored) == true) clean[field.Name] = stored;
                else if (field.Required) errors.Add(key, "validation.required");
                continue;
            }
            var text = element.ValueKind switch
            {
                JsonValueKind.String => element.GetString()!.Trim(),
                JsonValueKind.Number when field.Kind == SetFieldKind.Year => element.GetRawText(),
                _ => null,
            };
            if (text is null) { errors.Add(key, "records.not_text"); continue; }
            if (text.Length == 0)
            {
                if (field.Required) errors.Add(key, "validation.required");
                continue;
            }
            if (text.Length > field.MaxLength) { errors.Add(key, "validation.max_length", field.MaxLength); continue; }
            switch (field.Kind)
            {
                case SetFieldKind.Code when !SetCodeTables.Contains(field.Codes!, text):
                    errors.Add(key, "person.code_unknown", text);
                    continue;
                case SetFieldKind.Year when !int.TryParse(text, out var year) || year < 1900 || year > today.Year:
                    errors.Add(key, "records.year_range", today.Year);
                    continue;
                case SetFieldKind.Organization when !Guid.TryParse(text, out _):
                    errors.Add(key, "records.not_an_organization");
                    continue;
            }
            clean[field.Name] = text;
        }
        if (set.FromRequired && from is null) errors.Add("validFrom", "validation.required");
        if (from > today) errors.Add("validFrom", "person.date_in_future");
        if (!set.HasPeriod && to is not null) errors.Add("validTo", "records.no_period");
        if (from is { } f && to is { } t && t < f) errors.Add("validTo", "records.period_order");
        if (!errors.Any) set.CrossCheck?.Invoke(clean, errors);
        return clean;
    }

    private static void AnsweredNeedsResponse(IReadOnlyDictionary<string, string> values, ValidationErrors errors)
    {
        if (values.GetValueOrDefault("status") is "answered" or "closed" && !values.ContainsKey("response"))
            errors.Add("care.response", "records.response_required");
    }

    private static void DemocraticPartyForItsMembers(IReadOnlyDictionary<string, string> values, ValidationErrors errors)
    {
        var isMember = values.GetValueOrDefault("category") == "01";
        if (isMember && !values.ContainsKey("democraticParty")) errors.Add("united_front.democraticParty", "records.party_required");
        if (!isMember && values.ContainsKey("democraticParty")) errors.Add("united_front.democraticParty", "records.party_only_for_members");
    }
}
