using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(14, "personnel: the subtree people counts leave out people whose membership was transferred out (as the lists do)")]
public sealed class M0014_CountOnlyPeopleOnTheRegister : Migration
{
    // The people list's unfiltered total is the scope's subtree count (M0010); the list leaves out people transferred out
    // (their record stays, ADR 0011's relation), so the count must too: a transfer out, a transfer back in and a move each
    // change it, in the same statement trigger.
    public override void Up() => Execute.Sql("""
        create or replace function personnel.count_people() returns trigger
        language plpgsql as $$
        declare
            organizations uuid[];
            deltas bigint[];
        begin
            if tg_op = 'INSERT' then
                select array_agg(organization_id), array_agg(n) into organizations, deltas
                from (select organization_id, count(*) as n from new_rows where relation <> 'transferred_out' group by organization_id) x;
            elsif tg_op = 'DELETE' then
                select array_agg(organization_id), array_agg(-n) into organizations, deltas
                from (select organization_id, count(*) as n from old_rows where relation <> 'transferred_out' group by organization_id) x;
            else
                select array_agg(organization_id), array_agg(n) into organizations, deltas
                from (select organization_id, sum(n) as n
                      from (select o.organization_id, -1 as n from old_rows o join new_rows r on r.id = o.id
                            where o.relation <> 'transferred_out'
                              and (r.organization_id <> o.organization_id or r.relation = 'transferred_out')
                            union all
                            select r.organization_id, 1 from old_rows o join new_rows r on r.id = o.id
                            where r.relation <> 'transferred_out'
                              and (r.organization_id <> o.organization_id or o.relation = 'transferred_out')) changed
                      group by organization_id) x;
            end if;
            if organizations is not null then perform personnel.add_subtree_people(organizations, deltas); end if;
            return null;
        end $$;

        update personnel.organization_people set subtree_people = 0;
        select personnel.add_subtree_people(array_agg(organization_id), array_agg(n))
        from (select organization_id, count(*) as n from personnel.person where relation <> 'transferred_out' group by organization_id) counted
        having count(*) > 0;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
