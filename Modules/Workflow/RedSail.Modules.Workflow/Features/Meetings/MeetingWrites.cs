using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Rules;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.Meetings;

/// <summary>The outcome of a meeting's quorum check, with the warning to show when it was not reached.</summary>
internal sealed record QuorumOutcome(bool Required, bool? Met, int Entitled, int EntitledPresent, string? Warning);

/// <summary>What recording and editing a meeting share: who may hold which type, the attendance, the quorum, the rows, the to-dos.</summary>
internal static class MeetingWrites
{
    /// <summary>
    /// Meetings are held by branches (of every kind) and party groups; a party group holds 党小组会 and only it belongs to a
    /// group (a 400 on the type otherwise).
    /// </summary>
    public static void EnsureHeldBy(ScopedOrganization organization, string type)
    {
        var isGroup = organization.Type == OrganizationTypes.PartyGroup;
        if (!isGroup && !BranchTypes.All.Contains(organization.Type))
            throw new RuleViolationException("not_a_meeting_unit", "workflow.meetings.not_a_meeting_unit", organization.Name);
        if (isGroup != (type == MeetingTypes.GroupMeeting))
            new ValidationErrors().Add("meeting.type", isGroup ? "workflow.meetings.group_holds_group_meetings" : "workflow.meetings.group_meeting_needs_group")
                .ThrowIfAny();
    }

    /// <summary>Everyone of the roster: present if ticked, excused with the reason, absent otherwise; nobody from outside it.</summary>
    public static IReadOnlyList<AttendanceEntry> Attendance(MeetingForm form, IReadOnlyList<RosterMember> roster)
    {
        var onRoster = roster.Select(r => r.Id).ToHashSet();
        var errors = new ValidationErrors();
        if (form.PresentIds.Any(id => !onRoster.Contains(id))) errors.Add("meeting.present", "workflow.person_not_in_organization");
        var excused = form.Excused ?? [];
        for (var i = 0; i < excused.Length; i++)
            if (!onRoster.Contains(excused[i].PersonId)) errors.Add($"meeting.excused[{i}].personId", "workflow.person_not_in_organization");
        if (form.HostPersonId is { } host && !onRoster.Contains(host)) errors.Add("meeting.hostPersonId", "workflow.person_not_in_organization");
        if (form.RecorderPersonId is { } recorder && !onRoster.Contains(recorder)) errors.Add("meeting.recorderPersonId", "workflow.person_not_in_organization");
        errors.ThrowIfAny();
        var present = form.PresentIds.ToHashSet();
        var reasons = excused.GroupBy(e => e.PersonId).ToDictionary(g => g.Key, g => g.First().Reason!.Trim());
        return roster.Select(r => present.Contains(r.Id) ? new AttendanceEntry(r.Id, AttendanceEntry.Present, null)
                : reasons.TryGetValue(r.Id, out var reason) ? new AttendanceEntry(r.Id, AttendanceEntry.Excused, reason)
                : new AttendanceEntry(r.Id, AttendanceEntry.Absent, null))
            .ToList();
    }

    /// <summary>The host's or recorder's name: the roster's name of the person chosen, or the guest's name as typed.</summary>
    public static string NameOf(Guid? personId, string? typed, IReadOnlyList<RosterMember> roster) =>
        personId is { } id ? roster.First(r => r.Id == id).Name : typed!.Trim();

    /// <summary>
    /// The quorum the rules in force on the meeting's date set: a 支委会 counts the organisation's committee seats (it must have a
    /// committee), a 支部党员大会 the voting (full) members of the roster. Below it the meeting is still recorded, flagged.
    /// </summary>
    public static async Task<QuorumOutcome> QuorumAsync(WorkflowDb db, MessageCatalog messages, Guid organizationId, MeetingForm form,
        IReadOnlyList<AttendanceEntry> attendance, IReadOnlyList<RosterMember> roster, CancellationToken ct)
    {
        var rules = (await RuleBook.LoadAsync(db, ct)).At(form.HeldOn).Meetings;
        if (MeetingQuorum.PercentFor(form.Type!, rules) is not { } percent) return new QuorumOutcome(false, null, 0, 0, null);
        var present = attendance.Where(a => a.Status == AttendanceEntry.Present).Select(a => a.PersonId).ToHashSet();
        IReadOnlyCollection<Guid> entitled;
        if (form.Type == MeetingTypes.CommitteeMeeting)
        {
            entitled = await db.QueryAsync<Guid>("select person_id from workflow.committee_seat where organization_id = @organizationId",
                new { organizationId }, ct);
            if (entitled.Count == 0) throw new RuleViolationException("no_committee", "workflow.meetings.no_committee");
        }
        else entitled = roster.Where(r => r.Votes).Select(r => r.Id).ToList();
        var entitledPresent = entitled.Count(present.Contains);
        var met = MeetingQuorum.IsMet(entitledPresent, entitled.Count, percent);
        return new QuorumOutcome(true, met, entitled.Count, entitledPresent,
            met ? null : messages.Get("workflow.meetings.quorum_not_met", entitledPresent, entitled.Count, percent));
    }

    /// <summary>Replaces the meeting's attendance rows (one statement).</summary>
    public static Task SaveAttendanceAsync(WorkflowDb db, Guid meetingId, Guid organizationId, DateOnly heldOn, IReadOnlyList<AttendanceEntry> attendance,
        CancellationToken ct) => db.ExecuteAsync("""
            delete from workflow.meeting_attendance where meeting_id = @meetingId;
            insert into workflow.meeting_attendance (meeting_id, person_id, organization_id, held_on, status, reason)
            select @meetingId, a.person_id, @organizationId, @heldOn, a.status, a.reason
            from unnest(@people, @statuses, @reasons) as a(person_id, status, reason);
            """, new
        {
            meetingId, organizationId, heldOn, people = attendance.Select(a => a.PersonId).ToArray(),
            statuses = attendance.Select(a => a.Status).ToArray(), reasons = attendance.Select(a => a.Reason).ToArray(),
        }, ct);

    /// <summary>
    /// Opens or closes, in this transaction, the to-dos a meeting touches: the quota of its branch (a party group's meetings count
    /// for the branch above it) and the absence alerts of the people on its roster (addressed to their own organisations).
    /// </summary>
    public static async Task RefreshTodosAsync(WorkflowDb db, TodoBook todos, Guid organizationId, IEnumerable<Guid> peoplesOrganizations,
        CancellationToken ct)
    {
        var branchId = await db.QuerySingleAsync<Guid>(
            $"select case when type = '{OrganizationTypes.PartyGroup}' then parent_id else id end from workflow.organization where id = @organizationId",
            new { organizationId }, ct);
        await todos.RefreshAsync(MeetingQuotaSource.KindName, branchId, ct);
        foreach (var organization in peoplesOrganizations.Append(organizationId).Distinct())
            await todos.RefreshAsync(MeetingAbsenceSource.KindName, organization, ct);
    }
}
