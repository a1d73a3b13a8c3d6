using FluentMigrator;

namespace RedSail.Migrations.Platform;

[Migration(2, "platform: status of the organisation copy (merged and dissolved organisations are not offered for grants)")]
public sealed class M0002_OrganizationStatus : Migration
{
    public override void Up() => Execute.Sql("""
        alter table platform.organization
            add column status text not null default 'active'
                constraint ck_platform_organization_status check (status in ('active', 'merged', 'dissolved'));
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
