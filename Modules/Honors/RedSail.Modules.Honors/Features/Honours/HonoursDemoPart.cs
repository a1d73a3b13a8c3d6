using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Honors.Domain;

namespace RedSail.Modules.Honors.Features.Honours;

/// <summary>
/// The demo's honour library: over the last five years, three 优秀共产党员 and one 优秀党务工作者 each 七一 (institute level,
/// one a year from the bureau, one from the province in the middle year); two 先进基层党组织 last year; 光荣在党50年 for the
/// two members of longest party age who reached it; and in the queue one pending proposal and one returned with its reason.
/// Members are picked by a hash of the seed, so the same seed gives the same library. Approved ones are announced (HonourApproved).
/// </summary>
internal sealed class HonoursDemoPart : IDemoPart<HonorsDb>
{
    public int Order => 10;

    private const string Committee = "中共红帆研究院委员会";

    public async Task<int> SeedAsync(HonorsDb db, int seed, DateOnly today, CancellationToken ct)
    {
        var added = await db.ExecuteAsync($"""
            create temporary table demo_honour on commit drop as
            with member as (
                select p.id, p.organization_id, p.converted_on, p.joined_on,
                       row_number() over (order by md5(@seed || ':' || p.id)) as i
                from honors.person p where p.party_status = 'full_member' and p.relation = 'active'),
            year as (select y, (@year - y) as back from generate_series(@year - 5, @year - 1) y),
            commended as (
                -- members 1..20 by hash: four a year, the fourth a party worker
                select m.id as person_id, m.organization_id, y.y, k.k
                from year y cross join generate_series(1, 4) k(k) join member m on m.i = (y.back - 1) * 4 + k.k),
            fifty as (
                select p.id, p.organization_id,
                       make_date(extract(year from p.start + interval '50 years')::int
                           + case when (p.start + interval '50 years')::date > make_date(extract(year from p.start + interval '50 years')::int, 7, 1) then 1 else 0 end,
                           7, 1) as presented
                from (select id, organization_id, coalesce(converted_on, (joined_on + interval '1 year')::date) as start
                      from honors.person where party_status = 'full_member' and relation = 'active') p
                where p.start is not null),
            branch as (
                select o.id, row_number() over (order by md5(@seed || ':' || o.id)) as i
                from honors.organization o where o.status = 'active' and o.type in ('branch', 'general_branch', 'joint_branch'))
            select c.person_id, c.organization_id,
                   case when c.k = 4 then '{HonourTypes.OutstandingPartyWorker}' else '{HonourTypes.OutstandingMember}' end as type,
                   case when c.k = 1 and c.y = @year - 3 then '{HonourLevels.MinisterialProvincial}' when c.k = 1 then '{HonourLevels.Bureau}'
                        else '{HonourLevels.Institute}' end as level,
                   case when c.k = 4 then '优秀党务工作者' else '优秀共产党员' end as title,
                   case when c.k = 1 and c.y = @year - 3 then '中共北京市委' when c.k = 1 then '中共上级机关工作委员会' else '{Committee}' end as body,
                   make_date(c.y, 6, 28) as awarded_on, '院党发〔' || c.y || '〕' || (10 + c.k) || '号' as document_number, 'approved' as status,
                   null::text as reason
            from commended c
            union all
            select null, b.id, '{HonourTypes.AdvancedOrganization}', case when b.i = 1 then '{HonourLevels.Bureau}' else '{HonourLevels.Institute}' end,
                   '先进基层党组织', case when b.i = 1 then '中共上级机关工作委员会' else '{Committee}' end, make_date(@year - 1, 6, 28),
                   '院党发〔' || (@year - 1) || '〕15号', 'approved', null
            from branch b where b.i <= 2
            union all
            select * from (
                select f.id, f.organization_id, '{HonourTypes.FiftyYearsInParty}', '{HonourLevels.National}', '“光荣在党50年”纪念章', '中共中央',
                       f.presented, null::text, 'approved', null::text
                from fifty f where f.presented <= @today order by f.presented, f.id limit 2) fifty_years
            union all
            select m.id, m.organization_id, '{HonourTypes.OutstandingMember}', '{HonourLevels.Institute}', '优秀共产党员', '{Committee}',
                   least(make_date(@year, 6, 28), @today), null, case when m.i = 21 then 'pending' else 'rejected' end,
                   case when m.i = 22 then '请补充授予文件的文号，并上传证书扫描件' end
            from member m where m.i in (21, 22);

            insert into honors.honour (id, organization_id, person_id, type, level, title, conferring_body, awarded_on, document_number, status,
                                       rejection_reason, decided_at)
            select md5(@seed || ':honour:' || coalesce(person_id, organization_id) || ':' || type || ':' || awarded_on)::uuid, organization_id, person_id,
                   type, level, title, body, awarded_on, document_number, status, reason,
                   case when status <> 'pending' then awarded_on + time '10:00' end
            from demo_honour;
            """, new { seed, today, year = today.Year }, ct);
        await db.ExecuteAsync("""
            insert into honors.honour_history (honour_id, action, reason, acted_at)
            select h.id, a.action, case when a.action = 'rejected' then h.rejection_reason end, h.awarded_on + a.at
            from honors.honour h cross join lateral (values ('proposed', time '09:00'), (h.status, time '10:00')) a(action, at)
            where h.status <> 'pending' or a.action = 'proposed'
            """, null, ct);
        var approved = await db.QueryAsync<HonourRow>("""
            select id, organization_id, person_id, type, level, title, awarded_on, status, version from honors.honour where status = 'approved'
            """, null, ct);
        await db.PublishAsync(approved.Select(h => (IntegrationEvent)HonourAccess.Approved(h)).ToList(), ct);
        return added;
    }
}
