using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Personnel.Contracts;

/// <summary>
/// A person's record was created (any role: member, applicant, contact). No sensitive values travel in events.
/// <see cref="EmployeeNumber"/> (工号) links the person to their user account (a member votes and studies as themselves).
/// </summary>
public sealed record PersonRecorded(Guid PersonId, Guid OrganizationId, string Name, string Gender, DateOnly BirthDate, string Ethnicity,
    string? Education, string PartyStatus, DateOnly? JoinedOn, DateOnly? ConvertedOn, string? EmployeeNumber = null) : IntegrationEvent;

/// <summary>A person's basic information changed; the fields are the new values (a null employee number: none any more).</summary>
public sealed record PersonUpdated(Guid PersonId, Guid OrganizationId, string Name, string Gender, DateOnly BirthDate, string Ethnicity,
    string? Education, string? EmployeeNumber = null) : IntegrationEvent;

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

/// <summary>
/// An entry of a person's information set (education, post, family, reward, abroad, care, traits, mass_org, united_front)
/// was added, changed or removed. <see cref="Values"/> carries the ordinary fields only; sensitive ones never travel.
/// </summary>
public sealed record PersonRecordChanged(Guid PersonId, Guid OrganizationId, Guid RecordId, string Set, string Change,
    DateOnly? ValidFrom, DateOnly? ValidTo, IReadOnlyDictionary<string, string> Values) : IntegrationEvent;

/// <summary>A member's organisational relation left for another organisation outside this system (组织关系转出), with the letter of introduction.</summary>
public sealed record PersonTransferredOut(Guid PersonId, Guid OrganizationId, DateOnly EffectiveOn, string LetterNumber, string Destination,
    string? DuesPaidUpTo) : IntegrationEvent;

/// <summary>A member's organisational relation arrived from outside (组织关系转入); <see cref="Returning"/> when the person was here before.</summary>
public sealed record PersonTransferredIn(Guid PersonId, Guid OrganizationId, DateOnly EffectiveOn, string LetterNumber, string Origin,
    string? DuesPaidUpTo, bool Returning) : IntegrationEvent;

/// <summary>A person moved from one organisation to another inside the tree (e.g. between branches).</summary>
public sealed record PersonMoved(Guid PersonId, Guid FromOrganizationId, Guid ToOrganizationId, DateOnly EffectiveOn, string? Reason) : IntegrationEvent;

/// <summary>A member became a flowing member (流动党员), lost contact (失联), or returned to normal (active), effective on a date.</summary>
public sealed record PersonRelationChanged(Guid PersonId, Guid OrganizationId, string From, string To, DateOnly EffectiveOn, string? Reason)
    : IntegrationEvent;
