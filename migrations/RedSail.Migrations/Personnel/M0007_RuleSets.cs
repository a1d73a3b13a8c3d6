using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(7, "personnel: versioned rule sets (regulation numbers as data), seeded with the 2014 figures")]
public sealed class M0007_RuleSets : Migration
{
    public override void Up() => Execute.Sql("""
        create table personnel.rule_set (
            id uuid primary key,
            name text not null,
            -- the regulation or local decision the numbers come from
            source text not null,
            -- in force from this date until the next version's date
            effective_from date not null unique,
            rules jsonb not null,
            created_at timestamptz not null default now(),
            created_by uuid);

        insert into personnel.rule_set (id, name, source, effective_from, rules) values (
            '0193a000-0000-7000-8000-000000002014',
            '2014年细则及基层组织工作条例',
            '《中国共产党发展党员工作细则》（2014）；《中国共产党支部工作条例（试行）》（2018）；《中国共产党党和国家机关基层组织工作条例》（2019）；《中国共产党基层组织选举工作条例》（2020）',
            date '2014-05-28',
            '{"minApplicationAge":18,"probationMonths":12,"probationExtensionMinMonths":6,"probationExtensionMaxMonths":12,
              "probationReminderDays":30,"leagueMaxAge":28,"leagueReminderMonths":3,"youngEmployeeMaxAge":35,
              "committeeTermYears":5,"branchTermYears":3,"termReminderMonths":6,"branchMaxMembers":50,
              "committeeThresholdMembers":7,"branchMinFullMembers":3,"electionQuorumPercent":80}');
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
