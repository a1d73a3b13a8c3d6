using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Platform.Access;

/// <summary>A role: its code, whether it is granted on an organisation subtree, and its permissions.</summary>
public sealed record RoleDefinition(string Code, bool Scoped, bool Administrator, IReadOnlyList<string> Permissions);

/// <summary>
/// The roles of SECURITY.md. The three administrators (三权分立) hold no business permission, so none of them
/// sees party members' data by default; business roles are granted on an organisation subtree.
/// </summary>
public static class RoleCatalog
{
    public const string SystemAdmin = "system_admin";
    public const string SecurityAdmin = "security_admin";
    public const string AuditAdmin = "audit_admin";
    public const string CommitteeAdmin = "committee_admin";
    public const string BranchSecretary = "branch_secretary";
    public const string MassStaff = "mass_staff";
    public const string Member = "member";

    public static readonly IReadOnlyList<RoleDefinition> All =
    [
        new(SystemAdmin, false, true, [PlatformPermissions.Users, PlatformPermissions.UsersRead, PlatformPermissions.Outbox, PlatformPermissions.ApiDocs]),
        new(SecurityAdmin, false, true, [PlatformPermissions.Roles, PlatformPermissions.UsersRead, PlatformPermissions.OaClients, PlatformPermissions.Sso, PlatformPermissions.ApiDocs]),
        new(AuditAdmin, false, true, [PlatformPermissions.Audit]),
        new(CommitteeAdmin, true, false,
        [
            PersonnelPermissions.Read, PersonnelPermissions.Write, PersonnelPermissions.Unmask, PersonnelPermissions.ManageRules, WorkflowPermissions.Read, WorkflowPermissions.Write, WorkflowPermissions.ManageRules, WorkflowPermissions.Supervise,
            HonorsPermissions.Read, HonorsPermissions.Write, HonorsPermissions.Approve, ArchivesPermissions.Read, ArchivesPermissions.Write,
            ArchivesPermissions.Restricted, ArchivesPermissions.Publish, AnalyticsPermissions.Read,
        ]),
        new(BranchSecretary, true, false,
        [
            PersonnelPermissions.Read, PersonnelPermissions.Write, WorkflowPermissions.Read, WorkflowPermissions.Write,
            HonorsPermissions.Read, HonorsPermissions.Write, ArchivesPermissions.Read, AnalyticsPermissions.Read,
        ]),
        new(MassStaff, true, false, [PersonnelPermissions.Read, HonorsPermissions.Read, ArchivesPermissions.Read, AnalyticsPermissions.Read]),
        new(Member, true, false, [PersonnelPermissions.Self, WorkflowPermissions.Self, HonorsPermissions.Read, ArchivesPermissions.Read]),
    ];

    private static readonly Dictionary<string, RoleDefinition> ByCode = All.ToDictionary(r => r.Code);

    public static RoleDefinition? Find(string code) => ByCode.GetValueOrDefault(code);

    public static IReadOnlyList<ScopedPermission> PermissionsOf(IEnumerable<(string Role, Guid? OrganizationId)> grants) =>
        grants.SelectMany(g => Find(g.Role) is { } role
                ? role.Permissions.Select(p => new ScopedPermission(p, role.Scoped ? g.OrganizationId : null))
                : [])
            .Distinct().ToList();

    /// <summary>OA clients may read the module APIs named in their scopes, everywhere.</summary>
    public static readonly IReadOnlyList<string> OaScopes = [PersonnelModuleName, "workflow", "honors", "archives", "analytics"];
    private const string PersonnelModuleName = "personnel";

    public static IReadOnlyList<ScopedPermission> PermissionsOfOaClient(IEnumerable<string> scopes) =>
        scopes.SelectMany(s => new[] { new ScopedPermission(s + ".api", null), new ScopedPermission(s + ".read", null) }).ToList();
}
