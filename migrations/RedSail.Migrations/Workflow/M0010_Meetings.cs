using FluentMigrator;

namespace RedSail.Migrations.Workflow;

[Migration(10, "workflow: organisational life (meetings, attendance, attachments)")]
public sealed class M0010_Meetings : Migration
{
    public override void Up() => Execute.Sql("""
        -- One meeting of organisational life (三会一课 and the rest) as recorded afterwards: the essentials, not every step.
        -- Read by the compliance board and the quarterly supervision (held counts per branch, type and period; attendance).
        create table workflow.meeting (
            id uuid primary key,
            -- a branch, or a party group (党小组会)
            organization_id uuid not null,
            -- Domain/MeetingTypes
            type text not null,
            -- the meeting's calendar date where it was held (the date quotas count)
            held_on date not null,
            starts_at timestamptz not null,
            ends_at timestamptz,
            place text not null,
            -- host and recorder: someone of the roster (person id and name then) or a guest (name only)
            host_person_id uuid,
            host_name text not null,
            recorder_person_id uuid,
            recorder_name text not null,
            topic text not null,
            resolutions text,
            -- the roster's size when recorded, and how many were present
            expected int not null,
            present int not null,
            -- the rule set asks for a quorum (支委会: committee seats; 支部党员大会: voting members) and whether it was reached
            quorum_required boolean not null,
            quorum_met boolean,
            recorded_at timestamptz not null default now(),
            recorded_by uuid,
            updated_at timestamptz,
            updated_by uuid,
            version bigint not null default 1,
            -- removed by mistake: kept, with who and why
            removed_at timestamptz,
            removed_by uuid,
            removed_reason text);
        create index ix_workflow_meeting_organization on workflow.meeting (organization_id, held_on) where removed_at is null;
        create index ix_workflow_meeting_held_on on workflow.meeting (held_on) where removed_at is null;

        -- Everyone of the roster at a meeting: present, excused (with the reason) or absent. Absence alerts read a person's history.
        create table workflow.meeting_attendance (
            meeting_id uuid not null references workflow.meeting (id),
            person_id uuid not null,
            organization_id uuid not null,
            held_on date not null,
            status text not null check (status in ('present', 'excused', 'absent')),
            reason text,
            primary key (meeting_id, person_id));
        create index ix_workflow_meeting_attendance_person on workflow.meeting_attendance (person_id, held_on);

        -- Minutes, sign-in sheets, photos: small files kept in the database until there is a file store.
        create table workflow.meeting_attachment (
            id uuid primary key,
            meeting_id uuid not null references workflow.meeting (id),
            file_name text not null,
            content_type text not null,
            size int not null,
            sha256 bytea not null,
            content bytea not null,
            uploaded_at timestamptz not null default now(),
            uploaded_by uuid);
        create index ix_workflow_meeting_attachment_meeting on workflow.meeting_attachment (meeting_id);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
