using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Compliance;
using RedSail.Modules.Workflow.Features.Rules;

namespace RedSail.Modules.Workflow.Features.Meetings;

/// <summary>
/// The events other modules (Analytics) learn meetings and compliance from, built set-based from the rows just written:
/// <see cref="MeetingRecorded"/> per meeting and <see cref="MeetingQuotasCounted"/> per branch-year, counted by the same
/// <see cref="ComplianceSql"/> as the compliance board, so a receiver's judgement agrees with the board's.
/// </summary>
internal static class MeetingPublications
{
    /// <summary>The branch a meeting counts for: a party group's parent, else the organisation itself.</summary>
    private const string BranchOf = $"case when o.type = '{OrganizationTypes.PartyGroup}' then o.parent_id else o.id end";

    /// <summary>The meetings (not removed) of <paramref name="meetingIds"/>, or every meeting when null (demo), as they are now.</summary>
    public static async Task PublishRecordedAsync(WorkflowDb db, Guid[]? meetingIds, CancellationToken ct)
    {
        var rows = await db.QueryAsync<MeetingRow>($"""
            select m.id, m.organization_id, {BranchOf} as branch_id, m.type, m.held_on, m.expected, m.present, m.quorum_met, m.recorded_at
            from workflow.meeting m join workflow.organization o on o.id = m.organization_id
            where m.removed_at is null and (@meetingIds::uuid[] is null or m.id = any(@meetingIds))
            """, new { meetingIds }, ct);
        await db.PublishAsync(rows.Select(r => (IntegrationEvent)new MeetingRecorded(r.Id, r.OrganizationId, r.BranchId, r.Type, r.HeldOn, r.Expected,
            r.Present, r.QuorumMet, new DateTimeOffset(DateTime.SpecifyKind(r.RecordedAt, DateTimeKind.Utc)))).ToList(), ct);
    }

    /// <summary>The quota counts of the branch a meeting's organisation counts for, in each of <paramref name="years"/>.</summary>
    public static async Task PublishQuotasOfAsync(WorkflowDb db, Guid organizationId, IEnumerable<int> years, CancellationToken ct)
    {
        var branchId = await db.QuerySingleAsync<Guid>($"select {BranchOf} from workflow.organization o where o.id = @organizationId",
            new { organizationId }, ct);
        foreach (var year in years.Distinct())
            await PublishQuotasAsync(db, "select @branchId as id", new { branchId }, year, ct);
    }

    /// <summary>Every active branch (the demo and the daily re-publication pass it to <see cref="PublishQuotasAsync"/>).</summary>
    public static readonly string ActiveBranchesSql = $"select o.id from workflow.organization o where o.status = 'active' and {BranchTypes.Sql("o")}";

    /// <summary>
    /// One <see cref="MeetingQuotasCounted"/> per branch of <paramref name="branchesSql"/> (yielding <c>id</c>) for the year, in one
    /// statement (the demo passes every active branch); with <paramref name="onlyChanged"/>, only the branch-years whose counts differ
    /// from the last published (<see cref="QuotaFingerprints"/>). Returns how many were published.
    /// </summary>
    public static async Task<int> PublishQuotasAsync(WorkflowDb db, string branchesSql, object? branchParameters, int year, CancellationToken ct,
        bool onlyChanged = false)
    {
        var rules = await RuleBook.LoadAsync(db, ct);
        var requirements = MeetingRequirement.Between(d => rules.At(d).Meetings, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var parameters = ComplianceSql.Bind(new Dapper.DynamicParameters(branchParameters), requirements);
        var counts = await db.QueryAsync<QuotaRow>(ComplianceSql.Counts(ComplianceSql.RequirementArrays, branchesSql), parameters, ct);
        var events = counts.GroupBy(c => c.BranchId).Select(b => new MeetingQuotasCounted(b.Key, year,
            b.OrderBy(c => c.EndsOn).ThenBy(c => c.Type, StringComparer.Ordinal)
                .Select(c => new MeetingQuotaCount(c.Type, c.Per, c.StartsOn, c.EndsOn, c.Required, c.Held)).ToList())).ToList();
        var changed = await QuotaFingerprints.RecordAsync(db, year, events, onlyChanged, ct);
        await db.PublishAsync(changed.Cast<IntegrationEvent>().ToList(), ct);
        return changed.Count;
    }

    private sealed class MeetingRow
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public Guid BranchId { get; init; }
        public string Type { get; init; } = "";
        public DateOnly HeldOn { get; init; }
        public int Expected { get; init; }
        public int Present { get; init; }
        public bool? QuorumMet { get; init; }
        public DateTime RecordedAt { get; init; }
    }

    private sealed class QuotaRow
    {
        public Guid BranchId { get; init; }
        public string Type { get; init; } = "";
        public string Per { get; init; } = "";
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
        public int Required { get; init; }
        public int Held { get; init; }
    }
}
