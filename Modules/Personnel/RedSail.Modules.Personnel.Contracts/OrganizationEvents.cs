using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Personnel.Contracts;

/// <summary>
/// A new organisation joined the tree. <see cref="Path"/> lists the ids from the root (ltree labels: the id
/// in hex without dashes), so receivers can keep subtree scope checks in their own schema.
/// </summary>
public sealed record OrganizationCreated(Guid OrganizationId, Guid? ParentId, string Code, string Name, string Type, string Path)
    : IntegrationEvent;

/// <summary>An organisation took a new name, effective on a date (its history keeps the old one).</summary>
public sealed record OrganizationRenamed(Guid OrganizationId, string Name, DateOnly EffectiveOn) : IntegrationEvent;

/// <summary>
/// An organisation moved under a new parent, with its whole subtree: every path that began with
/// <see cref="OldPath"/> now begins with <see cref="NewPath"/> instead (the organisation's own label is unchanged).
/// Also raised for each child of a merged organisation as it moves under the target.
/// </summary>
public sealed record OrganizationMoved(Guid OrganizationId, string OldPath, string NewPath, Guid NewParentId, DateOnly EffectiveOn)
    : IntegrationEvent;

/// <summary>
/// The source organisation was merged into the target: its children (each announced by <see cref="OrganizationMoved"/>)
/// and its people now belong to the target, and the source is closed (status merged), kept in history.
/// </summary>
public sealed record OrganizationsMerged(Guid SourceId, Guid TargetId, DateOnly EffectiveOn) : IntegrationEvent;

/// <summary>An empty organisation was dissolved (撤销), effective on a date; it is closed and kept in history.</summary>
public sealed record OrganizationDissolved(Guid OrganizationId, DateOnly EffectiveOn) : IntegrationEvent;

/// <summary>A committee (党委/总支/支委会) was elected for a term ending on <see cref="EndsOn"/>; the previous term ended.</summary>
public sealed record CommitteeElected(Guid OrganizationId, Guid TermId, int TermNumber, DateOnly ElectedOn, DateOnly EndsOn,
    IReadOnlyList<CommitteeSeat> Members) : IntegrationEvent;

/// <summary>One seat on a committee: the person and the post (secretary, deputy_secretary, organization, propaganda, discipline …).</summary>
public sealed record CommitteeSeat(Guid PersonId, string Post);

/// <summary>The committee's term ends within the rule set's notice (about six months): the election must be prepared. Sent once per term.</summary>
public sealed record OrganizationTermExpiring(Guid OrganizationId, Guid TermId, DateOnly EndsOn) : IntegrationEvent;

/// <summary>The committee's term has ended without a new election recorded. Sent once per term.</summary>
public sealed record OrganizationTermExpired(Guid OrganizationId, Guid TermId, DateOnly EndsOn) : IntegrationEvent;
