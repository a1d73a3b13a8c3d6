namespace RedSail.Modules.Personnel.Contracts;

/// <summary>Permissions of the Personnel module's API, granted to roles by the platform.</summary>
public static class PersonnelPermissions
{
    public const string Read = "personnel.read";
    public const string Write = "personnel.write";
    /// <summary>See ID numbers, phones, health and family details unmasked; every use is audited.</summary>
    public const string Unmask = "personnel.unmask";
    /// <summary>Add versions of the rule set (regulation numbers): the committee's administrator.</summary>
    public const string ManageRules = "personnel.rules";
    /// <summary>See one's own record and propose changes to contact details and traits (the member's self-service).</summary>
    public const string Self = "personnel.self";
}
