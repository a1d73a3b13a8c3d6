namespace RedSail.Modules.Analytics.Contracts;

/// <summary>Permissions of the Analytics module's API, granted to roles by the platform.</summary>
public static class AnalyticsPermissions
{
    public const string Read = "analytics.read";
    public const string Write = "analytics.write";
}
