using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Personnel.Contracts;

/// <summary>A person's record was created (any role: member, applicant, contact). No sensitive values travel in events.</summary>
public sealed record PersonRecorded(Guid PersonId, Guid OrganizationId, string Name, string Gender, DateOnly BirthDate, string Ethnicity,
    string? Education, string PartyStatus, DateOnly? JoinedOn, DateOnly? ConvertedOn) : IntegrationEvent;

/// <summary>A person's basic information changed; the fields are the new values.</summary>
public sealed record PersonUpdated(Guid PersonId, Guid OrganizationId, string Name, string Gender, DateOnly BirthDate, string Ethnicity,
    string? Education) : IntegrationEvent;

/// <summary>
/// A party status changed (申请 → 积极分子 → 发展对象 → 预备党员 → 正式党员, or an exit), effective on a date.
/// Admission is <c>To == "probationary"</c>, conversion <c>From == "probationary" &amp;&amp; To == "full_member"</c>.
/// </summary>
public sealed record PartyStatusChanged(Guid PersonId, Guid OrganizationId, string From, string To, DateOnly EffectiveOn, string? Reason)
    : IntegrationEvent;

/// <summary>
/// An import batch was rolled back: the people it had recorded (each announced by <see cref="PersonRecorded"/>) are no
/// longer in the register. Receivers drop them from their read models.
/// </summary>
public sealed record PeopleImportRolledBack(Guid BatchId, Guid OrganizationId, IReadOnlyList<Guid> PersonIds) : IntegrationEvent;
