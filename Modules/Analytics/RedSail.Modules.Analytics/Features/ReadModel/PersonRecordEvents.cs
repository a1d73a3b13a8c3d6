using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>
/// Personnel's information-set entries (PersonRecordChanged, ordinary values only: a care request's text never travels) on
/// the entry rows, and the person's current values derived from all their entries on the member row. The entry row keeps
/// the occurred_at of the event that last set it, so a late older event changes nothing; the derived values are a function
/// of the entry rows alone, so any order of delivery ends in the same member row and the same counts.
/// </summary>
internal static class PersonRecordEvents
{
    /// <summary>The sets the read models use; entries of other sets (education, family, rewards, abroad) are not logged.</summary>
    public static readonly IReadOnlySet<string> Sets = new HashSet<string> { "post", "traits", "care", "mass_org", "united_front" };

    public static object RowOf(PersonRecordChanged e) => new
    {
        e.RecordId, e.PersonId, SetKind = e.Set, e.ValidFrom, e.ValidTo, Data = e.Values, Removed = e.Change == "removed", At = Rows.Instant(e.OccurredAt),
    };

    /// <summary>The entries (at most one per person), then those people's derived values on their member rows.</summary>
    public const string Changed = $"""
        insert into analytics.person_record as r (record_id, person_id, set_kind, valid_from, valid_to, data, removed, changed_at)
        select e.record_id, e.person_id, e.set_kind, e.valid_from, e.valid_to, e.data, e.removed, e.at
        from jsonb_to_recordset(@rows::jsonb) as e(record_id uuid, person_id uuid, set_kind text, valid_from date, valid_to date, data jsonb,
            removed boolean, at timestamptz)
        on conflict (record_id) do update set person_id = excluded.person_id, set_kind = excluded.set_kind, valid_from = excluded.valid_from,
            valid_to = excluded.valid_to, data = excluded.data, removed = excluded.removed, changed_at = excluded.changed_at
        where r.changed_at < excluded.changed_at;
        insert into analytics.member as m (person_id, occupation, title_level, traits, care, mass_orgs, united_front)
        {Derived}
        on conflict (person_id) do update set occupation = excluded.occupation, title_level = excluded.title_level, traits = excluded.traits,
            care = excluded.care, mass_orgs = excluded.mass_orgs, united_front = excluded.united_front
        """;

    /// <summary>
    /// A person's current values from their entries: the open post with the latest start (occupation, title level), the
    /// traits filled in on the open traits entry, every care request (category|status), the open mass-organisation
    /// memberships (organisation|post, "none" without a post) and the open united-front entry (category|party).
    /// </summary>
    private const string Derived = """
        select p.person_id,
            post.data->>'occupation', post.data->>'titleLevel',
            coalesce((select array_agg(distinct f order by f) from analytics.person_record r, unnest(array['specialty', 'skills', 'hobbies']) f
                      where r.person_id = p.person_id and r.set_kind = 'traits' and not r.removed and r.valid_to is null and coalesce(r.data->>f, '') <> ''), '{}'),
            coalesce((select array_agg(x order by x) from (
                          select (r.data->>'category') || '|' || (r.data->>'status') as x
                          from analytics.person_record r where r.person_id = p.person_id and r.set_kind = 'care' and not r.removed) care), '{}'),
            coalesce((select array_agg(x order by x) from (
                          select (r.data->>'organization') || '|' || coalesce(nullif(r.data->>'post', ''), 'none') as x
                          from analytics.person_record r where r.person_id = p.person_id and r.set_kind = 'mass_org' and not r.removed and r.valid_to is null) mass), '{}'),
            (select (r.data->>'category') || '|' || coalesce(r.data->>'democraticParty', 'none') from analytics.person_record r
             where r.person_id = p.person_id and r.set_kind = 'united_front' and not r.removed and r.valid_to is null
             order by r.valid_from desc nulls last, r.record_id limit 1)
        from jsonb_to_recordset(@rows::jsonb) as p(person_id uuid)
        left join lateral (
            select r.data from analytics.person_record r
            where r.person_id = p.person_id and r.set_kind = 'post' and not r.removed and r.valid_to is null
            order by r.valid_from desc nulls last, r.record_id limit 1) post on true
        """;
}
