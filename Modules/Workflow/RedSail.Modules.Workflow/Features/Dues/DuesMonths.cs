using RedSail.BuildingBlocks.Rules;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Dues;

/// <summary>
/// Creates the months members owe (workflow.dues_month) from their bases, with the rule set in force in each month, and
/// recomputes months that nothing was paid for yet. Set-based: one query finds every (member, month) to write — members who
/// owe dues that month (full members; probationary members from the month of their 支部大会 vote, joined_on), with a base on
/// or before it and any approved hardship reduction — the amounts are computed here (<see cref="DuesCalculation"/>, the one
/// place the bands are applied), and one INSERT … SELECT FROM unnest writes them all.
/// A month once paid (in part or whole) stays as it was when paid.
/// </summary>
internal static class DuesMonths
{
    /// <summary>Who owes dues in month <c>m.month</c>: probationary and full members still on the roster (flowing members pay too).</summary>
    public const string OwesInMonth = """
        p.party_status in ('probationary', 'full_member') and p.relation <> 'transferred_out'
        and (p.joined_on is null or p.joined_on < m.month + interval '1 month')
        """;

    /// <summary>The months <paramref name="from"/>–<paramref name="to"/> (first days) of one member, or of every member of a subtree (path), or everywhere (both null).</summary>
    public static async Task<int> WriteAsync(WorkflowDb db, RuleSets<WorkflowRules> rules, Guid? personId, string? organizationPath,
        DateOnly from, DateOnly to, bool recomputeUnpaid, CancellationToken ct)
    {
        if (to < from) return 0;
        var candidates = await db.QueryAsync<Candidate>($"""
            select p.id as person_id, p.organization_id, m.month::date as month, b.category, b.base, r.exempt, r.monthly_amount
            from workflow.person p
            join workflow.organization o on o.id = p.organization_id
            cross join generate_series(@from::date, @to::date, interval '1 month') m(month)
            join lateral (select category, base from workflow.dues_base b
                          where b.person_id = p.id and b.month <= m.month order by b.month desc limit 1) b on true
            left join lateral (select exempt, monthly_amount from workflow.dues_reduction r
                               where r.person_id = p.id and r.status = 'approved' and m.month between r.from_month and r.to_month
                               order by r.decided_at desc limit 1) r on true
            left join workflow.dues_month d on d.person_id = p.id and d.month = m.month
            where (@personId::uuid is null or p.id = @personId)
              and (@path::ltree is null or o.path <@ @path::ltree)
              and {OwesInMonth}
              and (d.person_id is null or (@recomputeUnpaid and d.paid = 0))
            """, new { personId, path = organizationPath, from, to, recomputeUnpaid }, ct);
        if (candidates.Count == 0) return 0;

        var rows = candidates.Select(c =>
        {
            var due = DuesCalculation.Due(rules.At(c.Month).Dues, c.Category, c.Base);
            var reduction = c.Exempt switch
            {
                true => due.Amount,
                false => Math.Max(due.Amount - (c.MonthlyAmount ?? 0m), 0m),
                null => 0m,
            };
            return (c, due, reduction);
        }).ToList();
        var written = await db.ExecuteAsync("""
            insert into workflow.dues_month (person_id, month, organization_id, category, base, rate_percent, amount_due, reduction)
            select * from unnest(@people, @months, @organizations, @categories, @bases, @rates, @amounts, @reductions)
            on conflict (person_id, month) do update
                set organization_id = excluded.organization_id, category = excluded.category, base = excluded.base,
                    rate_percent = excluded.rate_percent, amount_due = excluded.amount_due, reduction = excluded.reduction,
                    version = workflow.dues_month.version + 1
                where workflow.dues_month.paid = 0
                  and (workflow.dues_month.category, workflow.dues_month.base, workflow.dues_month.amount_due, workflow.dues_month.reduction,
                       workflow.dues_month.organization_id)
                      is distinct from (excluded.category, excluded.base, excluded.amount_due, excluded.reduction, excluded.organization_id)
            """, new
        {
            people = rows.Select(r => r.c.PersonId).ToArray(),
            months = rows.Select(r => r.c.Month).ToArray(),
            organizations = rows.Select(r => r.c.OrganizationId).ToArray(),
            categories = rows.Select(r => r.c.Category).ToArray(),
            bases = rows.Select(r => r.c.Base).ToArray(),
            rates = rows.Select(r => r.due.RatePercent).ToArray(),
            amounts = rows.Select(r => r.due.Amount).ToArray(),
            reductions = rows.Select(r => r.reduction).ToArray(),
        }, ct);
        var (organizations, months) = DuesTotals.Pairs(candidates.Select(c => (c.OrganizationId, c.Month)));
        if (written > 0) await DuesTotals.PublishAsync(db, organizations, months, ct);
        return written;
    }

    private sealed class Candidate
    {
        public Guid PersonId { get; init; }
        public Guid OrganizationId { get; init; }
        public DateOnly Month { get; init; }
        public string Category { get; init; } = "";
        public decimal Base { get; init; }
        public bool? Exempt { get; init; }
        public decimal? MonthlyAmount { get; init; }
    }
}
