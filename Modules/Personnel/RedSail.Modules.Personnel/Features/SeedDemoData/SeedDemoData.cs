using RedSail.BuildingBlocks.Events;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
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

        await db.PublishAsync(organizations
            .Select(o => (IntegrationEvent)new OrganizationCreated(o.Id, o.ParentId, o.Code, o.Name, o.Type, o.Path))
            .ToList(), cancellationToken);
        return people.Count;
    }
}
