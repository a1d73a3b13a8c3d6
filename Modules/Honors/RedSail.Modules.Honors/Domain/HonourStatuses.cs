namespace RedSail.Modules.Honors.Domain;

/// <summary>
/// An honour's review: a branch proposes (pending); the committee approves, or rejects with a reason (rejected); the
/// branch edits a rejected or pending proposal and it is pending again; an approved honour may be withdrawn with a reason.
/// </summary>
internal static class HonourStatuses
{
    public const string Pending = "pending";
    public const string Rejected = "rejected";
    public const string Approved = "approved";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Pending, Rejected, Approved, Withdrawn];

    /// <summary>The proposing branch may still change it: a proposal not yet approved.</summary>
    public static bool Editable(string status) => status is Pending or Rejected;
}
