using RedSail.BuildingBlocks.Events;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.People;
using SeedDemoDataCommand = RedSail.Modules.Personnel.Contracts.SeedDemoData;

namespace RedSail.Modules.Personnel.Features.SeedDemoData;

internal sealed class SeedDemoDataHandler(PersonnelDb db, FieldCipher cipher, BlindIndex blindIndex, IClock clock)
    : IRequestHandler<SeedDemoDataCommand, int>
{
    public async Task<int> Handle(SeedDemoDataCommand request, CancellationToken cancellationToken)
    {
        if (await db.ExecuteScalarAsync<bool>("select exists (select 1 from personnel.organization)", null, cancellationToken))
            return 0;
        var (organizations, people) = new DemoDataGenerator(request.Seed).Generate(clock.Today);

        await db.ExecuteAsync("""
            insert into personnel.organization (id, parent_id, code, name, type, path)
            select id, parent_id, code, name, type, path::ltree
            from unnest(@ids, @parents, @codes, @names, @types, @paths) as o(id, parent_id, code, name, type, path)
            """,
            new
            {
                ids = organizations.Select(o => o.Id).ToArray(),
                parents = organizations.Select(o => o.ParentId).ToArray(),
                codes = organizations.Select(o => o.Code).ToArray(),
                names = organizations.Select(o => o.Name).ToArray(),
                types = organizations.Select(o => o.Type).ToArray(),
                paths = organizations.Select(o => o.Path).ToArray(),
            }, cancellationToken);

        await db.ExecuteAsync("""
            insert into personnel.person (id, organization_id, name, gender, birth_date, ethnicity, education,
                id_number_cipher, id_number_index, party_status, joined_on, employee_number, converted_on, status_since)
            select *,
                   case when status = 'full_member' then joined + interval '1 year' end,
                   coalesce(case when status = 'full_member' then joined + interval '1 year' else joined end, current_date)
            from unnest(@ids, @organizations, @names, @genders, @births, @ethnicities, @educations,
                @ciphers, @indexes, @statuses, @joined, @employees)
                as p(id, organization, name, gender, birth, ethnicity, education, cipher, index, status, joined, employee);
            -- People on the way in get the dates of the steps they took, in order and as an adult.
            update personnel.person set
                applied_on = current_date - case party_status when 'applicant' then 60 when 'activist' then 300 else 800 end,
                activist_on = case when party_status in ('activist', 'candidate') then current_date - case party_status when 'activist' then 90 else 600 end end,
                candidate_on = case when party_status = 'candidate' then current_date - 100 end,
                status_since = current_date - case party_status when 'applicant' then 60 when 'activist' then 90 else 100 end
            where party_status in ('applicant', 'activist', 'candidate');
            insert into personnel.person_change (person_id, change, effective_on, after)
            select id, 'recorded', current_date, jsonb_build_object('name', name, 'partyStatus', party_status) from personnel.person;
            """,
            new
            {
                ids = people.Select(p => p.Id).ToArray(),
                organizations = people.Select(p => p.OrganizationId).ToArray(),
                names = people.Select(p => p.Name).ToArray(),
                genders = people.Select(p => p.Gender.ToString()).ToArray(),
                births = people.Select(p => p.BirthDate).ToArray(),
                ethnicities = people.Select(p => p.Ethnicity).ToArray(),
                educations = people.Select(p => p.Education).ToArray(),
                ciphers = people.Select(p => cipher.Encrypt(p.IdNumber)).ToArray(),
                indexes = people.Select(p => blindIndex.Compute(IdNumber.IndexPurpose, p.IdNumber)).ToArray(),
                statuses = people.Select(p => p.PartyStatus).ToArray(),
                joined = people.Select(p => p.JoinedOn).ToArray(),
                employees = people.Select(p => p.EmployeeNumber).ToArray(),
            }, cancellationToken);

        var records = new DemoRecordsGenerator(request.Seed).Generate(organizations, people, clock.Today);
        await InsertRecordsAsync(records, cancellationToken);
        await ElectCommitteesAsync(cancellationToken);
        var elections = await CommitteeElectionsAsync(cancellationToken);

        var organizationOf = people.ToDictionary(p => p.Id, p => p.OrganizationId);
        await db.PublishAsync(organizations
            .Select(o => (IntegrationEvent)new OrganizationCreated(o.Id, o.ParentId, o.Code, o.Name, o.Type, o.Path))
            .Concat(people.Select(p => new PersonRecorded(p.Id, p.OrganizationId, p.Name, p.Gender.ToString(), p.BirthDate, p.Ethnicity, p.Education,
                p.PartyStatus, p.JoinedOn, p.PartyStatus == "full_member" ? p.JoinedOn?.AddYears(1) : null, p.EmployeeNumber)))
            .Concat(records.Select(r => new PersonRecordChanged(r.PersonId, organizationOf[r.PersonId], r.Id, r.Set, "added",
                r.From, r.To, PersonRecords.Ordinary(InformationSets.Find(r.Set)!, r.Values))))
            .Concat(elections)
            .ToList(), cancellationToken);
        return people.Count;
    }

    /// <summary>The demo's elections as the events a real election raises, so that other modules know every committee.</summary>
    private async Task<IEnumerable<CommitteeElected>> CommitteeElectionsAsync(CancellationToken ct)
    {
        var seats = await db.QueryAsync<Seat>("""
            select t.id as term_id, t.organization_id, t.term_number, t.elected_on, t.ends_on, m.person_id, m.post
            from personnel.committee_term t join personnel.committee_member m on m.term_id = t.id
            order by t.id, m.post
            """, null, ct);
        return seats.GroupBy(s => s.TermId).Select(term => term.First() is var t
            ? new CommitteeElected(t.OrganizationId, t.TermId, t.TermNumber, t.ElectedOn, t.EndsOn, term.Select(s => new CommitteeSeat(s.PersonId, s.Post)).ToList())
            : null!);
    }

    private sealed record Seat(Guid TermId, Guid OrganizationId, int TermNumber, DateOnly ElectedOn, DateOnly EndsOn, Guid PersonId, string Post);

    /// <summary>The information sets, their sensitive fields encrypted as any entry's are.</summary>
    private Task InsertRecordsAsync(IReadOnlyList<DemoRecord> records, CancellationToken ct)
    {
        var split = records.Select(r => PersonRecords.Split(InformationSets.Find(r.Set)!, r.Values, cipher)).ToList();
        return db.ExecuteAsync("""
            insert into personnel.person_record (id, person_id, set_kind, valid_from, valid_to, data, secret, search_text, organization_id)
            select id, person_id, set_kind, valid_from, valid_to, data::jsonb, secret, search_text, organization_id
            from unnest(@ids, @people, @sets, @froms, @tos, @data, @secrets, @search, @organizations)
                as r(id, person_id, set_kind, valid_from, valid_to, data, secret, search_text, organization_id)
            """, new
            {
                ids = records.Select(r => r.Id).ToArray(), people = records.Select(r => r.PersonId).ToArray(), sets = records.Select(r => r.Set).ToArray(),
                froms = records.Select(r => r.From).ToArray(), tos = records.Select(r => r.To).ToArray(),
                data = split.Select(s => s.Data).ToArray(), secrets = split.Select(s => s.Secret).ToArray(), search = split.Select(s => s.SearchText).ToArray(),
                organizations = records.Select(r => r.Organization).ToArray(),
            }, ct);
    }

    /// <summary>
    /// Committees for the first fourteen branches, elected a few months apart so that the demo shows terms well inside,
    /// near the end of and past their three years (the two retiree branches have none: a structure warning), and the
    /// committee's own five-year term. The oldest full members serve.
    /// </summary>
    private Task ElectCommitteesAsync(CancellationToken ct) => db.ExecuteAsync("""
        with branch as (
            select o.id, (row_number() over (order by o.code) - 1)::int as i from personnel.organization o where o.type = 'branch'),
        elected as (
            insert into personnel.committee_term (id, organization_id, term_number, elected_on, term_years, ends_on, entitled_voters, present_voters,
                election_method)
            select gen_random_uuid(), b.id, 1, t.elected_on, 3, (t.elected_on + interval '3 years')::date, m.voters, m.voters, 'competitive'
            from branch b
            cross join lateral (select (@today::date - make_interval(months => b.i * 3 + 4))::date as elected_on) t
            cross join lateral (select count(*)::int as voters from personnel.person p
                                where p.organization_id = b.id and p.party_status = 'full_member') m
            where b.i < 14
            returning id, organization_id, elected_on)
        insert into personnel.committee_member (id, term_id, person_id, post, from_on)
        select gen_random_uuid(), e.id, s.id, (array['secretary', 'organization', 'propaganda'])[s.n], e.elected_on
        from elected e
        cross join lateral (
            select p.id, row_number() over (order by p.birth_date)::int as n from personnel.person p
            where p.organization_id = e.organization_id and p.party_status = 'full_member' and p.converted_on <= e.elected_on
            order by p.birth_date limit 3) s;

        with root as (select id from personnel.organization where parent_id is null),
        elected as (
            insert into personnel.committee_term (id, organization_id, term_number, elected_on, term_years, ends_on, entitled_voters, present_voters,
                election_method)
            select gen_random_uuid(), r.id, 1, (@today::date - interval '40 months')::date, 5, (@today::date - interval '40 months' + interval '5 years')::date,
                   (select count(*)::int from personnel.person where party_status = 'full_member'),
                   (select count(*)::int from personnel.person where party_status = 'full_member'), 'competitive'
            from root r
            returning id, elected_on)
        insert into personnel.committee_member (id, term_id, person_id, post, from_on)
        select gen_random_uuid(), e.id, s.person_id, (array['secretary', 'deputy_secretary', 'organization', 'propaganda', 'discipline'])[s.n], e.elected_on
        from elected e
        cross join lateral (
            select m.person_id, row_number() over (order by o.code)::int as n
            from personnel.committee_member m join personnel.committee_term t on t.id = m.term_id
            join personnel.organization o on o.id = t.organization_id
            where m.post = 'secretary' and o.type = 'branch'
            order by o.code limit 5) s;
        """, new { today = clock.Today }, ct);
}
