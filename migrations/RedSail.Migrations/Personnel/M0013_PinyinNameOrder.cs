using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(13, "personnel: people in pinyin order of their names (ICU zh collation), replacing the byte-order name index")]
public sealed class M0013_PinyinNameOrder : Migration
{
    // Chinese lists are read in pinyin order (安 before 白 before 陈), which PostgreSQL's ICU collation "zh-x-icu" gives;
    // byte order of UTF-8 puts names in Unicode code-point order, which no reader expects. The list's default sort and
    // this index use the same collation, so the first page of a wide scope still stops after 20 rows (see M0006).
    // Both list paths (organisation first, name order first) keep carrying the common filters, as M0010 made them.
    public override void Up() => Execute.Sql("""
        drop index personnel.ix_person_name;
        create index ix_person_name on personnel.person (name collate "zh-x-icu", id) include (organization_id, party_status, gender, birth_date);
        drop index personnel.ix_person_organization;
        create index ix_person_organization on personnel.person (organization_id, name collate "zh-x-icu", id)
            include (party_status, gender, birth_date);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
