namespace RedSail.Modules.Personnel.Contracts;

/// <summary>Permissions of the Personnel module's API, granted to roles by the platform.</summary>
public static class PersonnelPermissions
{
    public const string Read = "personnel.read";
    public const string Write = "personnel.write";
    /// <summary>See ID numbers, phones, health and family details unmasked; every use is audited.</summary>
    public const string Unmask = "personnel.unmask";
}
