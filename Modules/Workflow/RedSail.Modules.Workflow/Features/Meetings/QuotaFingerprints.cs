using System.Security.Cryptography;
using System.Text;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.Meetings;

/// <summary>
/// Remembers what each branch-year's last <see cref="MeetingQuotasCounted"/> said (a SHA-256 of its quotas,
/// <c>workflow.meeting_quota_publication</c>), so that a re-publication can leave out the branch-years nobody's figures changed
/// for: the daily job then adds events only for what changed, and running it twice adds nothing.
/// </summary>
internal static class QuotaFingerprints
{
    /// <summary>Stores the fingerprints of <paramref name="counted"/> and returns the events to publish: all, or with <paramref name="onlyChanged"/> those that differ.</summary>
    public static async Task<IReadOnlyList<MeetingQuotasCounted>> RecordAsync(WorkflowDb db, int year, IReadOnlyList<MeetingQuotasCounted> counted,
        bool onlyChanged, CancellationToken ct)
    {
        var fingerprints = counted.ToDictionary(c => c.BranchId, Of);
        var previous = onlyChanged
            ? (await db.QueryAsync<(Guid BranchId, string Fingerprint)>("""
                select branch_id, fingerprint from workflow.meeting_quota_publication where year = @year and branch_id = any(@ids)
                """, new { year, ids = fingerprints.Keys.ToArray() }, ct)).ToDictionary(p => p.BranchId, p => p.Fingerprint)
            : [];
        var changed = counted.Where(c => previous.GetValueOrDefault(c.BranchId) != fingerprints[c.BranchId]).ToList();
        await db.ExecuteAsync("""
            insert into workflow.meeting_quota_publication (branch_id, year, fingerprint, published_at)
            select id, @year, fingerprint, now() from unnest(@ids, @fingerprints) as f(id, fingerprint)
            on conflict (branch_id, year) do update set fingerprint = excluded.fingerprint, published_at = excluded.published_at
            """, new { year, ids = changed.Select(c => c.BranchId).ToArray(), fingerprints = changed.Select(c => fingerprints[c.BranchId]).ToArray() }, ct);
        return changed;
    }

    private static string Of(MeetingQuotasCounted counted) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(";",
        counted.Quotas.Select(q => $"{q.Type}|{q.Per}|{q.StartsOn:yyyy-MM-dd}|{q.EndsOn:yyyy-MM-dd}|{q.Required}|{q.Held}")))));
}
