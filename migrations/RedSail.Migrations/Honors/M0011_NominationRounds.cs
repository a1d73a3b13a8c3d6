using FluentMigrator;

namespace RedSail.Migrations.Honors;

[Migration(11, "honors: nomination rounds (两优一先 …) with a window and a quota per branch, nominations and their results")]
public sealed class M0011_NominationRounds : Migration
{
    public override void Up() => Execute.Sql("""
        -- A round the committee opens: what it confers (type, level, title, body), when branches may nominate, how many each.
        create table honors.nomination_round (
            id uuid primary key,
            title text not null,
            type text not null,
            level text not null,
            conferring_body text not null,
            opens_on date not null,
            closes_on date not null,
            quota_per_branch int not null,
            created_by uuid,
            created_at timestamptz not null default now());
        create index ix_honors_nomination_round_dates on honors.nomination_round (closes_on desc);

        -- A branch's nomination of a member (person_id) or of itself (person_id null); the committee's result, and the
        -- honour a selected nomination became.
        create table honors.nomination (
            id uuid primary key,
            round_id uuid not null references honors.nomination_round (id),
            organization_id uuid not null,
            person_id uuid,
            reason text not null,
            -- pending | selected | not_selected
            result text not null default 'pending',
            result_note text,
            honour_id uuid references honors.honour (id),
            nominated_by uuid,
            nominated_at timestamptz not null default now(),
            version bigint not null default 1);
        create index ix_honors_nomination_round on honors.nomination (round_id, organization_id);
        create unique index ux_honors_nomination_holder on honors.nomination (round_id, coalesce(person_id, organization_id));
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
