using System.Globalization;
using NUnit.Framework;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Localization;
using RedSail.BuildingBlocks.Web;
using RedSail.Platform.Access;

namespace RedSail.UnitTests;

public sealed class CatalogTests
{
    private static readonly System.Reflection.Assembly[] Assemblies =
    [
        typeof(MessageCatalog).Assembly, typeof(RedSail.Platform.PlatformModule).Assembly,
        typeof(RedSail.Modules.Personnel.PersonnelModule).Assembly, typeof(RedSail.Modules.Workflow.WorkflowModule).Assembly,
        typeof(RedSail.Modules.Honors.HonorsModule).Assembly, typeof(RedSail.Modules.Archives.ArchivesModule).Assembly,
        typeof(RedSail.Modules.Analytics.AnalyticsModule).Assembly, typeof(RedSail.Host.Startup.RedSailApp).Assembly,
    ];

    [Test]
    public void Every_message_exists_in_Chinese_and_English()
    {
        var catalog = new MessageCatalog(Assemblies);
        Assert.That(catalog.Keys("en").Order(), Is.EqualTo(catalog.Keys("zh-CN").Order()));
    }

    [Test]
    public void A_field_inside_a_list_is_named_by_its_last_part()
    {
        var catalog = new MessageCatalog(Assemblies);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            Assert.Multiple(() =>
            {
                Assert.That(catalog.FieldMessage(new("members[1].personId", "committee.not_eligible", []), "personnel"), Does.StartWith("人员须为"));
                Assert.That(catalog.FieldMessage(new("members[0].post", "committee.post_unknown", []), "personnel"), Does.StartWith("职务不是"));
                Assert.That(catalog.FieldMessage(new("members", "committee.one_secretary", []), "personnel"), Does.StartWith("委员中"));
                Assert.That(catalog.FieldMessage(new("rows[3].nothingKnown", "validation.required", []), "personnel"), Does.Contain("rows[3].nothingKnown"));
            });
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Test]
    public void Every_role_has_a_name_and_description_in_both_languages()
    {
        var catalog = new MessageCatalog(Assemblies);
        var keys = RoleCatalog.All.SelectMany(r => new[] { "role." + r.Code, "role." + r.Code + ".description" });
        Assert.That(keys.Except(catalog.Keys("zh-CN")), Is.Empty);
    }

    [Test]
    public void Administrators_hold_no_business_permission()
    {
        // 三权分立: system, security and audit administrators see no party members' data by default.
        var business = new[] { "personnel.", "workflow.", "honors.", "archives.", "analytics." };
        var leaks = RoleCatalog.All.Where(r => r.Administrator)
            .SelectMany(r => r.Permissions.Where(p => business.Any(p.StartsWith)).Select(p => $"{r.Code}: {p}"));
        Assert.That(leaks, Is.Empty);
    }

    [Test]
    public void The_audit_administrator_alone_reads_the_audit_trail()
    {
        var readers = RoleCatalog.All.Where(r => r.Permissions.Contains(PlatformPermissions.Audit)).Select(r => r.Code);
        Assert.That(readers, Is.EqualTo(new[] { RoleCatalog.AuditAdmin }));
    }

    [Test]
    public void Business_roles_are_granted_on_an_organisation_and_scope_their_permissions()
    {
        var branch = Guid.NewGuid();
        var permissions = RoleCatalog.PermissionsOf([(RoleCatalog.BranchSecretary, branch), (RoleCatalog.SystemAdmin, (Guid?)null)]);
        var principal = new Principal(Guid.NewGuid(), "u", null, [], permissions);
        Assert.Multiple(() =>
        {
            Assert.That(principal.ScopeFor("personnel.read"), Is.EqualTo(new AccessScope(false, [branch])).Using<AccessScope>((a, b) =>
                a.IsGlobal == b.IsGlobal && a.OrganizationIds.SequenceEqual(b.OrganizationIds)));
            Assert.That(principal.ScopeFor(PlatformPermissions.Users).IsGlobal, Is.True);
            Assert.That(principal.ScopeFor("personnel.unmask").IsEmpty, Is.True);
        });
    }

    [TestCase(0, 0, 1, 1)]
    [TestCase(3, 20, 3, 20)]
    [TestCase(2, 100000, 2, 200)]
    [TestCase(-5, -1, 1, 1)]
    public void Paging_stays_within_bounds(int page, int size, int expectedPage, int expectedSize)
    {
        var paging = Paging.Of(page, size);
        Assert.That((paging.Page, paging.PageSize), Is.EqualTo((expectedPage, expectedSize)));
    }

    [Test]
    public void Like_wildcards_in_user_input_are_escaped() => Assert.That(Paging.EscapeLike(@"50%_a\b"), Is.EqualTo(@"50\%\_a\\b"));
}

public sealed class SeparationOfDutiesTests
{
    [TestCase(new string[0], "system_admin", true)]
    [TestCase(new[] { "committee_admin" }, "branch_secretary", true)]
    [TestCase(new[] { "system_admin" }, "audit_admin", false)]
    [TestCase(new[] { "system_admin" }, "committee_admin", false)]
    [TestCase(new[] { "branch_secretary" }, "security_admin", false)]
    [TestCase(new[] { "audit_admin" }, "audit_admin", true)]
    public void Administrators_hold_one_administrator_role_and_nothing_else(string[] held, string role, bool allowed) =>
        Assert.That(RedSail.Platform.Features.Roles.SeparationOfDuties.Allows(held, role), Is.EqualTo(allowed));
}
