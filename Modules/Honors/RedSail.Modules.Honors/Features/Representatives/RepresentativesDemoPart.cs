namespace RedSail.Modules.Honors.Features.Representatives;

/// <summary>
/// The demo's representatives: a member on the municipal Party congress whose term ends in 45 days (the reminder shows it),
/// one in the district people's congress and one in the municipal CPPCC committee, picked by a hash of the seed.
/// </summary>
internal sealed class RepresentativesDemoPart : IDemoPart<HonorsDb>
{
    public int Order => 20;

    public Task<int> SeedAsync(HonorsDb db, int seed, DateOnly today, CancellationToken ct) => db.ExecuteAsync("""
        with member as (
            select p.id, row_number() over (order by md5(@seed || ':representative:' || p.id)) as i
            from honors.person p where p.party_status = 'full_member' and p.relation = 'active')
        insert into honors.representative (id, person_id, kind, level, body, term_starts_on, term_ends_on)
        select md5(@seed || ':representative:' || m.id)::uuid, m.id, r.kind, r.level, r.body, r.starts, r.ends
        from member m join (values
            (1, 'party_congress', 'municipal', '中国共产党北京市第十三次代表大会', @today::date + 45 - interval '5 years', @today::date + 45),
            (2, 'peoples_congress', 'county', '北京市海淀区第十七届人民代表大会', @today::date - interval '3 years', @today::date + interval '2 years'),
            (3, 'cppcc', 'municipal', '中国人民政治协商会议北京市第十四届委员会', @today::date - interval '2 years', @today::date + interval '3 years'))
            as r(i, kind, level, body, starts, ends) on r.i = m.i
        """, new { seed, today }, ct);
}
