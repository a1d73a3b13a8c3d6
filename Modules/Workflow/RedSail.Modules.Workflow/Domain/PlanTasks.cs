using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Workflow.Domain;

/// <summary>
/// A plan task's life: open → done (the owning branch reports the result) → accepted by the assigning committee, or
/// returned with a reason (open again); open tasks may be cancelled by whoever assigned them.
/// </summary>
internal static class PlanTasks
{
    public const string Open = "open";
    public const string Done = "done";
    public const string Cancelled = "cancelled";

    public const string CommitteeLevel = "committee";
    public const string BranchLevel = "branch";
    public const string Draft = "draft";
    public const string Published = "published";

    /// <summary>Local practice: an open task becomes the owner's to-do this many days before it is due (PlanTaskDueSource).</summary>
    public const int DueSoonDays = 14;

    /// <summary>Plans are for the years around now: history may be recorded, and next year's deployment prepared.</summary>
    public static bool PlausibleYear(int year, DateOnly today) => year >= 2000 && year <= today.Year + 1;

    public static bool CanReport(string status) => status == Open;

    /// <summary>Only a reported, not yet accepted result can be returned or accepted.</summary>
    public static bool CanReview(string status, bool accepted) => status == Done && !accepted;

    public static bool CanChange(string status) => status == Open;


    /// <summary>A 基层党委 plans as a committee, a branch (or 党总支) as a branch; other organisations (groups, unions …) have no plan.</summary>
    public static string? LevelOf(string organizationType) =>
        organizationType == OrganizationTypes.Committee ? CommitteeLevel : BranchTypes.All.Contains(organizationType) ? BranchLevel : null;
}
