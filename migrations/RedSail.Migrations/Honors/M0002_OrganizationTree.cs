using FluentMigrator;

namespace RedSail.Migrations.Honors;

[Migration(2, "honors: copy of the organisation tree; demo seed marker")]
public sealed class M0002_OrganizationTree : Migration
{
    public override void Up() => Execute.Sql(ReadModelTables.OrganizationTree("honors") + """
        create table honors.demo_seed (seed int primary key, seeded_at timestamptz not null default now());
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
