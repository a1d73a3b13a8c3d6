using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(11, "personnel: members' proposed changes to their own contact details and traits, for the branch to approve")]
public sealed class M0011_ChangeProposals : Migration
{
    public override void Up() => Execute.Sql("""
        create table personnel.change_proposal (
            id uuid primary key,
            person_id uuid not null references personnel.person (id),
            -- the proposer's account (platform), for the record
            proposed_by uuid not null,
            -- ordinary values proposed (specialty, skills, hobbies) and which sensitive ones change
            proposed jsonb not null,
            -- sensitive values proposed (phone, health, children): SM4-GCM ciphertext of their JSON
            secret bytea,
            note text,
            -- pending | approved | rejected
            status text not null default 'pending',
            decided_by uuid,
            decided_at timestamptz,
            decision_reason text,
            created_at timestamptz not null default now(),
            version bigint not null default 1);
        -- one open proposal per person: a member adds to it by withdrawing and proposing again
        create unique index ux_change_proposal_pending on personnel.change_proposal (person_id) where status = 'pending';
        create index ix_change_proposal_status on personnel.change_proposal (status, created_at);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
