using FluentMigrator;

namespace RedSail.Migrations.Workflow;

[Migration(30, "workflow: party dues (bases, months due, payments, hardship reductions, base imports)")]
public sealed class M0030_Dues : Migration
{
    public override void Up() => Execute.Sql("""
        -- A member's dues base and category from a month on, until the member's next row: a base is set when pay changes
        -- (central organs fix it once at the start of the year), not re-entered every month. The base of a month is the
        -- member's latest row on or before it; PK (person_id, month) makes setting the same month twice an edit.
        create table workflow.dues_base (
            person_id uuid not null,
            month date not null check (extract(day from month) = 1),
            -- in_service | retired | fixed | exempt
            category text not null check (category in ('in_service', 'retired', 'fixed', 'exempt')),
            base numeric(12,2) not null check (base >= 0),
            -- entered | imported
            source text not null check (source in ('entered', 'imported')),
            import_batch_id uuid,
            recorded_by uuid,
            recorded_at timestamptz not null default now(),
            version bigint not null default 1,
            primary key (person_id, month));

        -- What a member owes for a month, computed once from the base and the rule set in force that month, and what was paid.
        -- The quarterly supervision reads (organization_id, month, amount_due, reduction, paid).
        create table workflow.dues_month (
            person_id uuid not null,
            month date not null check (extract(day from month) = 1),
            -- the member's branch when the month was generated (payments are collected there)
            organization_id uuid not null,
            category text not null,
            base numeric(12,2) not null,
            rate_percent numeric(5,2),
            amount_due numeric(12,2) not null check (amount_due >= 0),
            -- an approved hardship reduction (the whole amount when exempt)
            reduction numeric(12,2) not null default 0 check (reduction >= 0 and reduction <= amount_due),
            -- the sum of the month's dues payments
            paid numeric(12,2) not null default 0 check (paid >= 0),
            paid_on date,
            version bigint not null default 1,
            primary key (person_id, month));
        create index ix_workflow_dues_month_organization on workflow.dues_month (organization_id, month);
        -- arrears: the unpaid months of each member
        create index ix_workflow_dues_month_owed on workflow.dues_month (person_id, month) where paid < amount_due - reduction;

        -- Every payment is kept; dues_month.paid is the sum of a month's 'dues' payments. A voluntary one-off payment (kind
        -- 'voluntary') is no month's dues: it is remitted apart (≥ the rule set's threshold wholly to the Centre).
        create table workflow.dues_payment (
            id uuid primary key,
            person_id uuid not null,
            month date not null check (extract(day from month) = 1),
            organization_id uuid not null,
            kind text not null default 'dues' check (kind in ('dues', 'voluntary')),
            amount numeric(12,2) not null check (amount > 0),
            paid_on date not null,
            -- cash | transfer | online | payroll
            method text not null,
            -- the payments recorded together (a member's months, a branch-month)
            batch_id uuid not null,
            recorded_by uuid,
            recorded_at timestamptz not null default now());
        create index ix_workflow_dues_payment_person on workflow.dues_payment (person_id, month);
        create index ix_workflow_dues_payment_organization on workflow.dues_payment (organization_id, paid_on);

        -- Hardship (困难党员): pay less or nothing for a period, approved by the higher organisation by someone other than the requester.
        create table workflow.dues_reduction (
            id uuid primary key,
            person_id uuid not null,
            -- the member's branch; the decision belongs to its parent (deciding_organization_id)
            organization_id uuid not null,
            deciding_organization_id uuid not null,
            from_month date not null check (extract(day from from_month) = 1),
            to_month date not null check (extract(day from to_month) = 1 and to_month >= from_month),
            exempt boolean not null,
            -- when not exempt: what the member pays per month instead
            monthly_amount numeric(12,2) check (monthly_amount >= 0),
            reason text not null,
            -- pending | approved | rejected
            status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
            requested_by uuid,
            requested_at timestamptz not null default now(),
            decided_by uuid,
            decided_at timestamptz,
            decision_note text,
            version bigint not null default 1,
            check (exempt or monthly_amount is not null));
        create index ix_workflow_dues_reduction_person on workflow.dues_reduction (person_id, from_month);
        create index ix_workflow_dues_reduction_pending on workflow.dues_reduction (deciding_organization_id) where status = 'pending';

        -- A previewed payroll import of bases: its rows wait here until the commit takes them all, or none.
        create table workflow.dues_import_batch (
            id uuid primary key,
            organization_id uuid not null,
            from_month date not null,
            file_name text not null,
            row_count int not null,
            error_count int not null,
            -- previewed | committed
            status text not null default 'previewed',
            created_by uuid,
            created_at timestamptz not null default now(),
            committed_at timestamptz);
        create table workflow.dues_import_row (
            batch_id uuid not null,
            row_number int not null,
            person_id uuid not null,
            category text not null,
            base numeric(12,2) not null,
            primary key (batch_id, row_number));
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
