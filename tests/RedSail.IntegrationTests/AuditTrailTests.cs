using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Errors;
using RedSail.BuildingBlocks.Validation;
using RedSail.Platform.Access;
using RedSail.Platform.Features.Roles;
using RedSail.Platform.Features.Users;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>Every command leaves a hash-chained audit row; any edit or removal shows at the first affected row.</summary>
public sealed class AuditTrailTests
{
    private static AuditTrail Trail(TestHost host) => host.Services.GetRequiredService<AuditTrail>();

    [Test]
    public async Task Successful_denied_and_failed_commands_are_all_recorded()
    {
        await using var host = await TestHost.StartFreshAsync();
        var security = await host.CreateUserAsync(RoleCatalog.SecurityAdmin);
        var principal = new Principal(security.Id, security.UserName, null, [RoleCatalog.SecurityAdmin], RoleCatalog.PermissionsOf([(RoleCatalog.SecurityAdmin, null)]));

        await Assert.ThrowsAsync<ForbiddenException>(() => host.SendAsync(new GrantRole(security.Id, RoleCatalog.AuditAdmin, null), principal));
        await Assert.ThrowsAsync<ValidationFailedException>(() => host.SendAsync(new CreateUser("x", "", "short"), principal));

        var rows = await host.ScalarAsync<string>("""
            select string_agg(action || ':' || result, ',' order by sequence) from platform.audit_log
            """);
        Assert.That(rows, Is.EqualTo("platform.users.create_admin:success,platform.roles.grant:denied,platform.users.create:failed"));
        Assert.That(await host.ScalarAsync<string>("select user_name from platform.audit_log where action = 'platform.roles.grant'"), Is.EqualTo(security.UserName));
    }

    [Test]
    public async Task An_untouched_chain_verifies()
    {
        await using var host = await TestHost.StartFreshAsync();
        for (var i = 0; i < 5; i++) await host.CreateUserAsync(RoleCatalog.SystemAdmin);

        var verification = await Trail(host).VerifyAsync();

        Assert.That(verification, Is.EqualTo(new AuditVerification(true, 5, null)));
    }

    [Test]
    public async Task An_edited_row_breaks_the_chain_at_that_row()
    {
        await using var host = await TestHost.StartFreshAsync();
        for (var i = 0; i < 5; i++) await host.CreateUserAsync(RoleCatalog.SystemAdmin);

        // Someone with superuser rights bypasses the trigger and edits history.
        await host.ExecuteAsync("""
            alter table platform.audit_log disable trigger audit_log_append_only;
            update platform.audit_log set result = 'denied' where sequence = 3;
            alter table platform.audit_log enable trigger audit_log_append_only;
            """);

        Assert.That(await Trail(host).VerifyAsync(), Is.EqualTo(new AuditVerification(false, 2, 3)));
    }

    [Test]
    public async Task Removing_the_newest_rows_is_noticed()
    {
        await using var host = await TestHost.StartFreshAsync();
        for (var i = 0; i < 4; i++) await host.CreateUserAsync(RoleCatalog.SystemAdmin);

        await host.ExecuteAsync("""
            alter table platform.audit_log disable trigger audit_log_append_only;
            delete from platform.audit_log where sequence = 4;
            alter table platform.audit_log enable trigger audit_log_append_only;
            """);

        var verification = await Trail(host).VerifyAsync();
        Assert.That((verification.Intact, verification.FirstBrokenSequence), Is.EqualTo((false, 4L)));
    }

    [Test]
    public async Task Concurrent_writers_keep_one_unbroken_chain()
    {
        await using var host = await TestHost.StartFreshAsync();
        var context = new RequestContext { Principal = Principal.System, SourceAddress = "test" };
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Trail(host).RecordAsync(context, new AuditEntry("test.concurrent", AuditResult.Success, "n", i.ToString()))));

        Assert.That(await Trail(host).VerifyAsync(), Is.EqualTo(new AuditVerification(true, 40, null)));
    }
}
