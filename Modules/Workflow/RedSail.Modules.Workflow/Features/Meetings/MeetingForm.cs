using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Meetings;

/// <summary>
/// The quick-record form of a meeting (recording and editing): type, time, place, host and recorder (someone of the roster, or
/// a guest by name), topic, who was present, who was excused and why (everyone else on the roster was absent), resolutions.
/// Field errors are named <c>meeting.*</c>, labelled <c>field.workflow.meeting.*</c>.
/// </summary>
internal sealed record MeetingForm(string? Type, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Place, Guid? HostPersonId,
    string? HostName, Guid? RecorderPersonId, string? RecorderName, string? Topic, string? Resolutions, Guid[]? Present, ExcusedAbsence[]? Excused)
{
    /// <summary>The date the meeting was held, where it was held (the offset the recorder's clock gave).</summary>
    public DateOnly HeldOn => DateOnly.FromDateTime(StartsAt!.Value.DateTime);

    public IReadOnlyList<Guid> PresentIds => (Present ?? []).Distinct().ToList();

    public void Check(DateOnly today, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Type)) errors.Add("meeting.type", "validation.required");
        else if (!MeetingTypes.All.Contains(Type)) errors.Add("meeting.type", "workflow.meetings.type_unknown", Type);
        if (StartsAt is null) errors.Add("meeting.startsAt", "validation.required");
        else if (HeldOn > today) errors.Add("meeting.startsAt", "workflow.date_in_future");
        if (EndsAt is { } ends && StartsAt is { } starts && (ends <= starts || ends - starts > TimeSpan.FromHours(24)))
            errors.Add("meeting.endsAt", "workflow.meetings.ends_before_start");
        errors.RequiredMax("meeting.place", Place, 200).RequiredMax("meeting.topic", Topic, 500).MaxLength("meeting.resolutions", Resolutions, 4000)
            .MaxLength("meeting.hostName", HostName, 50).MaxLength("meeting.recorderName", RecorderName, 50);
        if (HostPersonId is null && string.IsNullOrWhiteSpace(HostName)) errors.Add("meeting.hostPersonId", "validation.required");
        if (RecorderPersonId is null && string.IsNullOrWhiteSpace(RecorderName)) errors.Add("meeting.recorderPersonId", "validation.required");
        var present = PresentIds.ToHashSet();
        var excused = Excused ?? [];
        for (var i = 0; i < excused.Length; i++)
        {
            errors.RequiredMax($"meeting.excused[{i}].reason", excused[i].Reason, 200);
            if (present.Contains(excused[i].PersonId)) errors.Add($"meeting.excused[{i}].personId", "workflow.meetings.excused_and_present");
        }
    }
}

/// <summary>Someone of the roster who did not come, with the reason accepted (请假).</summary>
internal sealed record ExcusedAbsence(Guid PersonId, string? Reason);

/// <summary>One person's attendance as stored.</summary>
internal sealed record AttendanceEntry(Guid PersonId, string Status, string? Reason)
{
    public const string Present = "present";
    public const string Excused = "excused";
    public const string Absent = "absent";
}
