using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(10, "personnel: typed import staging, people counts per organisation subtree, list indexes that carry the common filters")]
public sealed class M0010_ImportStagingAndPeopleCounts : Migration
{
    public override void Up() => Execute.Sql("""
        -- The staged rows of a previewed batch in the register's own columns (text where the register has codes: an invalid
        -- row is staged as the file had it), so that the commit is one INSERT … SELECT. Each row carries the id its person
        -- will have. Rows staged before this migration are converted from their JSON.
        alter table personnel.import_row
            add column person_id uuid, add column name text, add column gender text, add column birth_date date,
            add column ethnicity text, add column education text, add column native_place text, add column employee_number text,
            add column department text, add column party_status text, add column applied_on date, add column activist_on date,
            add column candidate_on date, add column joined_on date, add column converted_on date, add column status_since date;
        update personnel.import_row set
            person_id = gen_random_uuid(), name = data->>'name', gender = data->>'gender', birth_date = (data->>'birthDate')::date,
            ethnicity = data->>'ethnicity', education = data->>'education', native_place = data->>'nativePlace',
            employee_number = data->>'employeeNumber', department = data->>'department', party_status = data->>'partyStatus',
            applied_on = (data->'dates'->>'appliedOn')::date, activist_on = (data->'dates'->>'activistOn')::date,
            candidate_on = (data->'dates'->>'candidateOn')::date, joined_on = (data->'dates'->>'joinedOn')::date,
            converted_on = (data->'dates'->>'convertedOn')::date;
        update personnel.import_row set status_since = case party_status when 'applicant' then applied_on when 'activist' then activist_on
            when 'candidate' then candidate_on when 'probationary' then joined_on when 'full_member' then converted_on end;
        alter table personnel.import_row alter column person_id set not null, drop column data;

        -- How many people each organisation's subtree holds (the organisation and everything below it): the people list's
        -- total for a scope without filters is the sum over the scope's top organisations, whatever its width
        -- (docs/benchmarks.md). Kept exact by the statement triggers below, in the transaction of every write to people or
        -- to the tree: a slice cannot forget it, and a bulk load (COPY) pays once per statement, not per row.
        create table personnel.organization_people (
            organization_id uuid primary key references personnel.organization (id) on delete cascade,
            subtree_people bigint not null default 0);

        -- Adds people count changes of some organisations to them and to all their ancestors. The rows are locked in id order
        -- first: two writers under the same committee then queue instead of deadlocking.
        create function personnel.add_subtree_people(organizations uuid[], deltas bigint[]) returns void
        language plpgsql as $$
        declare
            ids uuid[];
            sums bigint[];
        begin
            select array_agg(id order by id), array_agg(delta order by id) into ids, sums
            from (select a.id, sum(d.delta) as delta
                  from unnest(organizations, deltas) as d(organization_id, delta)
                  join personnel.organization o on o.id = d.organization_id
                  join personnel.organization a on a.path @> o.path
                  group by a.id
                  having sum(d.delta) <> 0) changed;
            if ids is null then return; end if;
            perform 1 from personnel.organization_people where organization_id = any(ids) order by organization_id for update;
            update personnel.organization_people c set subtree_people = c.subtree_people + d.delta
            from unnest(ids, sums) as d(organization_id, delta) where c.organization_id = d.organization_id;
        end $$;

        create function personnel.count_people() returns trigger
        language plpgsql as $$
        declare
            organizations uuid[];
            deltas bigint[];
        begin
            if tg_op = 'INSERT' then
                select array_agg(organization_id), array_agg(n) into organizations, deltas
                from (select organization_id, count(*) as n from new_rows group by organization_id) x;
            elsif tg_op = 'DELETE' then
                select array_agg(organization_id), array_agg(-n) into organizations, deltas
                from (select organization_id, count(*) as n from old_rows group by organization_id) x;
            else
                select array_agg(organization_id), array_agg(n) into organizations, deltas
                from (select organization_id, sum(n) as n
                      from (select o.organization_id, -1 as n from old_rows o join new_rows r on r.id = o.id where r.organization_id <> o.organization_id
                            union all
                            select r.organization_id, 1 from old_rows o join new_rows r on r.id = o.id where r.organization_id <> o.organization_id) moved
                      group by organization_id) x;
            end if;
            if organizations is not null then perform personnel.add_subtree_people(organizations, deltas); end if;
            return null;
        end $$;
        create trigger person_counted_insert after insert on personnel.person
            referencing new table as new_rows for each statement execute function personnel.count_people();
        create trigger person_counted_delete after delete on personnel.person
            referencing old table as old_rows for each statement execute function personnel.count_people();
        create trigger person_counted_update after update on personnel.person
            referencing old table as old_rows new table as new_rows for each statement execute function personnel.count_people();

        -- A new organisation starts with nobody; a subtree that moves (its top gets another parent) takes its count from its
        -- old ancestors to its new ones.
        create function personnel.count_organizations() returns trigger
        language plpgsql as $$
        declare
            organizations uuid[];
            deltas bigint[];
        begin
            if tg_op = 'INSERT' then
                insert into personnel.organization_people (organization_id) select id from new_rows;
                return null;
            end if;
            select array_agg(organization_id), array_agg(delta) into organizations, deltas
            from (select o.parent_id as organization_id, -c.subtree_people as delta
                  from old_rows o join new_rows r on r.id = o.id join personnel.organization_people c on c.organization_id = r.id
                  where r.parent_id is distinct from o.parent_id and o.parent_id is not null and c.subtree_people <> 0
                  union all
                  select r.parent_id, c.subtree_people
                  from old_rows o join new_rows r on r.id = o.id join personnel.organization_people c on c.organization_id = r.id
                  where r.parent_id is distinct from o.parent_id and r.parent_id is not null and c.subtree_people <> 0) moved;
            -- Given to the old and the new parent, add_subtree_people carries each up to their ancestors (outside the moved
            -- subtree, so their paths did not change).
            if organizations is not null then perform personnel.add_subtree_people(organizations, deltas); end if;
            return null;
        end $$;
        create trigger organization_counted_insert after insert on personnel.organization
            referencing new table as new_rows for each statement execute function personnel.count_organizations();
        create trigger organization_counted_update after update on personnel.organization
            referencing old table as old_rows new table as new_rows for each statement execute function personnel.count_organizations();

        -- The people list's two access paths carry the common filters (party status, gender, birth date), so that a page
        -- and a capped count filter in the index instead of fetching each person's row: organisation first for a narrow
        -- scope, name order for a wide one (docs/benchmarks.md). Both replace an index on the same leading columns, so an
        -- import maintains as many indexes as before.
        drop index personnel.ix_person_organization;
        create index ix_person_organization on personnel.person (organization_id, name, id) include (party_status, gender, birth_date);
        drop index personnel.ix_person_name;
        create index ix_person_name on personnel.person (name, id) include (organization_id, party_status, gender, birth_date);

        insert into personnel.organization_people (organization_id) select id from personnel.organization;
        select personnel.add_subtree_people(array_agg(organization_id), array_agg(n))
        from (select organization_id, count(*) as n from personnel.person group by organization_id) counted
        having count(*) > 0;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
