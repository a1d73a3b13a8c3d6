using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(6, "personnel: people in name order (the people list's default sort)")]
public sealed class M0006_PersonNameOrder : Migration
{
    // Lets a wide scope (a committee over most of the tree) read the first page of the list in name order and stop after
    // 20 rows instead of sorting every person in scope. Safe only because the list binds the scope as ltree paths
    // (PersonnelScope.WithinPaths): the planner then sees that a branch is a few dozen people and keeps the
    // organisation-first plan (docs/benchmarks.md).
    public override void Up() => Execute.Sql("""
        create index ix_person_name on personnel.person (name, id);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
