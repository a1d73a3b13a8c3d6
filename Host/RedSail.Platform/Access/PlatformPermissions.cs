namespace RedSail.Platform.Access;

public static class PlatformPermissions
{
    public const string Users = "platform.users";
    public const string UsersRead = "platform.users.read";
    public const string Roles = "platform.roles";
    public const string OaClients = "platform.oa-clients";
    public const string Audit = "platform.audit";
    public const string Outbox = "platform.outbox";
    public const string ApiDocs = "platform.api-docs";
    /// <summary>Sign-in policy: whether the OA's single sign-on leaves local passwords to administrators only.</summary>
    public const string Sso = "platform.sso";
}
