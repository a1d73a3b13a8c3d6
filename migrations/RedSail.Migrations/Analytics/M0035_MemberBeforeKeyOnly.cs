using FluentMigrator;

namespace RedSail.Migrations.Analytics;

/// <summary>
/// <c>analytics.member_before</c> (M0033) was created <c>like analytics.member including all</c>, so it carried the facts'
/// index by organisation too, which nothing reads there: every batch wrote and deleted an entry in it for each changed
/// person. Only its key stays (the settle joins the rows before with the rows now by person).
/// </summary>
[Migration(35, "analytics: the rows-before table keeps only its key")]
public sealed class M0035_MemberBeforeKeyOnly : Migration
{
    public override void Up() => Execute.Sql("""
        do $$
        declare i regclass;
        begin
            for i in select indexrelid::regclass from pg_index where indrelid = 'analytics.member_before'::regclass and not indisprimary loop
                execute format('drop index %s', i);
            end loop;
        end $$;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
