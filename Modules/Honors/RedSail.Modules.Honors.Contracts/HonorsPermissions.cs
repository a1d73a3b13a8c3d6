namespace RedSail.Modules.Honors.Contracts;

/// <summary>Permissions of the Honors module's API, granted to roles by the platform.</summary>
public static class HonorsPermissions
{
    public const string Read = "honors.read";
    public const string Write = "honors.write";
}
