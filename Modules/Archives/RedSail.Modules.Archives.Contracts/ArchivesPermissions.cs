namespace RedSail.Modules.Archives.Contracts;

/// <summary>Permissions of the Archives module's API, granted to roles by the platform.</summary>
public static class ArchivesPermissions
{
    public const string Read = "archives.read";
    public const string Write = "archives.write";
    /// <summary>Documents of security level 2 (限制), within the holder's organisation scope (Domain/SecurityLevels).</summary>
    public const string Restricted = "archives.restricted";

    /// <summary>Publishes the portal's announcements and news (通知公告、党建要闻); reading them needs only a sign-in.</summary>
    public const string Publish = "archives.publish";
}
