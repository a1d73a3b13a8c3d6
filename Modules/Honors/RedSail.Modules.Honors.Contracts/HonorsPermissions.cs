namespace RedSail.Modules.Honors.Contracts;

/// <summary>Permissions of the Honors module's API, granted to roles by the platform.</summary>
public static class HonorsPermissions
{
    public const string Read = "honors.read";
    /// <summary>Propose honours and record representatives for organisations in scope (a branch for its own members).</summary>
    public const string Write = "honors.write";
    /// <summary>Approve or reject proposed honours, withdraw approved ones, run nomination rounds: the committee's administrator.</summary>
    public const string Approve = "honors.approve";
}
