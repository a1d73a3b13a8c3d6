using FluentMigrator;

namespace RedSail.Migrations.Platform;

[Migration(3, "platform: an account's employee number, which links it to the person it belongs to (self-service, OA mapping)")]
public sealed class M0003_AccountEmployeeNumber : Migration
{
    public override void Up() => Execute.Sql("""
        alter table platform.user_account add column employee_number text;
        create unique index ux_user_account_employee_number on platform.user_account (lower(employee_number)) where employee_number is not null;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
