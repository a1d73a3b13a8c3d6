namespace RedSail.Modules.Workflow.Contracts;

/// <summary>Permissions of the Workflow module's API, granted to roles by the platform.</summary>
public static class WorkflowPermissions
{
    public const string Read = "workflow.read";
    public const string Write = "workflow.write";
}
