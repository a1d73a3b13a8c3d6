namespace RedSail.Modules.Workflow.Contracts;

/// <summary>Permissions of the Workflow module's API, granted to roles by the platform.</summary>
public static class WorkflowPermissions
{
    public const string Read = "workflow.read";
    public const string Write = "workflow.write";
    /// <summary>Held by OA clients scoped to this module only: the APIs that act on behalf of a named user (their to-dos).</summary>
    public const string Api = "workflow.api";
    /// <summary>Add versions of the Workflow rule set (meeting frequencies, recruitment deadlines, dues bands): the committee's administrator.</summary>
    public const string ManageRules = "workflow.rules";
    /// <summary>Run quarterly supervision on demand and record on-site checks: the committee's administrator.</summary>
    public const string Supervise = "workflow.supervise";
    /// <summary>A member's own part: cast ballots, see one's dues and study hours.</summary>
    public const string Self = "workflow.self";
}
