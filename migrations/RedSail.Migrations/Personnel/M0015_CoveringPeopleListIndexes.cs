using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(15, "personnel: the people list's indexes also carry the register relation and education; probationary members by organisation")]
public sealed class M0015_CoveringPeopleListIndexes : Migration
{
    // Every list leaves out people transferred out (relation, ADR 0011), so a list that reads an index still fetched each
    // person's row to test it: a region committee's page read 16,000 rows (or 60,000 in name order) for 20 (docs/benchmarks.md).
    // With the relation in both indexes, a page's ids and a capped count come from the index alone; the organisation index
    // also carries the education code (the list's education group filter, whose pages sort by birth date). Same keys as M0013.
    // The reminders' probation ends are found among the probationary members (4 % of people) of the caller's organisations:
    // a small partial index by organisation that carries what the due date needs, so that neither a committee nor the whole
    // register reads rows for it (it read all 40,000 probationary rows of the register for any committee).
    public override void Up() => Execute.Sql("""
        drop index personnel.ix_person_name;
        create index ix_person_name on personnel.person (name collate "zh-x-icu", id)
            include (organization_id, party_status, gender, birth_date, relation);
        drop index personnel.ix_person_organization;
        create index ix_person_organization on personnel.person (organization_id, name collate "zh-x-icu", id)
            include (party_status, gender, birth_date, relation, education);
        create index ix_person_probationary on personnel.person (organization_id)
            include (id, name, joined_on, probation_extended_months, relation) where party_status = 'probationary';
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
