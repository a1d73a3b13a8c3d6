using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Rules;
using RedSail.Modules.Workflow.Features.SeedDemoData;

namespace RedSail.Modules.Workflow.Features.Dues;

/// <summary>
/// The demo's dues: a base from January for every member (retirees over 60 on pensions, the two youngest on the fixed amount,
/// everyone else in service between ¥2,500 and ¥16,000, so that every band shows), this year's months up to the current one,
/// paid by the 10th of each month by most; about one member in twenty has not paid the last 1–4 past months; two voluntary
/// payments (one of ¥1,000 for the Centre) and one hardship request waiting for the committee. Deterministic for a seed.
/// </summary>
internal sealed class DuesDemo : IDemoPart<WorkflowDb>
{
    public int Order => 40;

    public async Task<int> SeedAsync(WorkflowDb db, int seed, DateOnly today, CancellationToken ct)
    {
        var january = new DateOnly(today.Year, 1, 1);
        var current = DuesCalculation.MonthOf(today);
        var added = await db.ExecuteAsync("""
            with member as (
                select p.id, p.birth_date, abs(hashtext(p.id::text || @seed::text)) as h,
                       row_number() over (order by p.birth_date desc, p.id) as youngest
                from workflow.person p
                where p.party_status in ('probationary', 'full_member') and p.relation <> 'transferred_out')
            insert into workflow.dues_base (person_id, month, category, base, source)
            select id, @january,
                   case when youngest <= 2 then 'fixed' when birth_date <= (@today::date - interval '60 years') then 'retired' else 'in_service' end,
                   case when youngest <= 2 then 0
                        when birth_date <= (@today::date - interval '60 years') then 3000 + (h % 6000)
                        else 2500 + (h % 13501) end + (h % 100) / 100.0,
                   'imported'
            from member
            """, new { seed, january, today }, ct);
        added += await DuesMonths.WriteAsync(db, await RuleBook.LoadAsync(db, ct), null, null, january, current, recomputeUnpaid: false, ct);

        // Who is behind: the last (h % 4) + 1 past months unpaid for one member in twenty; the current month paid by half.
        added += await db.ExecuteAsync("""
            with behind as (
                select d.person_id, d.month, d.organization_id, d.amount_due - d.reduction as amount,
                       least(d.month + 9, @today::date) as paid_on
                from workflow.dues_month d
                where d.amount_due - d.reduction > 0
                  and case when d.month = @current then abs(hashtext(d.person_id::text || 'now' || @seed::text)) % 2 = 0
                           when abs(hashtext(d.person_id::text || @seed::text)) % 20 = 7
                                then d.month < @current - make_interval(months => abs(hashtext(d.person_id::text || 'n' || @seed::text)) % 4 + 1)
                           else true end),
            paid as (
                insert into workflow.dues_payment (id, person_id, month, organization_id, kind, amount, paid_on, method, batch_id)
                select md5(person_id::text || month::text)::uuid, person_id, month, organization_id, 'dues', amount, paid_on,
                       case when abs(hashtext(person_id::text)) % 3 = 0 then 'cash' else 'payroll' end,
                       md5(organization_id::text || month::text)::uuid
                from behind)
            update workflow.dues_month d set paid = behind.amount, paid_on = behind.paid_on
            from behind where d.person_id = behind.person_id and d.month = behind.month
            """, new { seed, current, today }, ct);

        added += await db.ExecuteAsync("""
            with donor as (
                select p.id, p.organization_id, row_number() over (order by abs(hashtext(p.id::text || @seed::text))) as n
                from workflow.person p join workflow.dues_base b on b.person_id = p.id and b.category = 'in_service')
            insert into workflow.dues_payment (id, person_id, month, organization_id, kind, amount, paid_on, method, batch_id)
            select md5(id::text || 'voluntary')::uuid, id, @january, organization_id, 'voluntary', case n when 1 then 1000 else 200 end,
                   least(@january + 40, @today::date), 'transfer', md5(id::text || 'voluntary')::uuid
            from donor where n <= 2
            """, new { seed, january, today }, ct);

        added += await db.ExecuteAsync("""
            insert into workflow.dues_reduction (id, person_id, organization_id, deciding_organization_id, from_month, to_month, exempt,
                monthly_amount, reason)
            select md5(p.id::text || 'reduction')::uuid, p.id, p.organization_id, coalesce(o.parent_id, o.id), @current,
                   (@current + interval '5 months')::date, false, 0.20, '家庭成员重病住院，经济困难，申请半年内按每月0.2元交纳。'
            from workflow.person p join workflow.organization o on o.id = p.organization_id
            join workflow.dues_base b on b.person_id = p.id and b.category = 'in_service'
            order by abs(hashtext(p.id::text || 'hardship' || @seed::text)) limit 1
            """, new { seed, current }, ct);
        // What Analytics' dues collection rate is built from: every branch-month's totals, one statement.
        await DuesTotals.PublishAsync(db, null, null, ct);
        return added;
    }
}
