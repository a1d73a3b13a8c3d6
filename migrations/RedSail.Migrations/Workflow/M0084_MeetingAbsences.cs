using FluentMigrator;

namespace RedSail.Migrations.Workflow;

/// <summary>
/// Attendance split by absence, for the absence to-dos (MeetingAbsenceSource), which recording a meeting refreshes for the
/// branch's people: a member's unexcused absences by date, and for each of them whether the member attended or was excused
/// since. Through (person_id, held_on) alone both read every attendance row of the person and filtered the status from the
/// table: 5,200 pages for 17 people once a branch had 500 meetings in the load run, and for a member absent from all of them
/// every absence re-read all the later ones. Now the absences are read, and each is answered by one probe.
/// </summary>
[Migration(84, "workflow: attendance by person and date, absences apart")]
public sealed class M0084_MeetingAbsences : Migration
{
    public override void Up() => Execute.Sql("""
        create index ix_workflow_meeting_attendance_absent on workflow.meeting_attendance (person_id, held_on) where status = 'absent';
        create index ix_workflow_meeting_attendance_not_absent on workflow.meeting_attendance (person_id, held_on) where status <> 'absent';
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
