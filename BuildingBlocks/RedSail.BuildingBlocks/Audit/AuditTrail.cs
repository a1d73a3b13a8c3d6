using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Security;

namespace RedSail.BuildingBlocks.Audit;

public static class AuditResult
{
    public const string Success = "success";
    public const string Denied = "denied";
    public const string Failed = "failed";
}

/// <summary>One line of the audit trail. Never holds secrets or sensitive values.</summary>
public sealed record AuditEntry(string Action, string Result, string? TargetType = null, string? TargetId = null,
    string? TargetOrganization = null, string? Detail = null);

/// <summary>
/// The append-only, hash-chained audit trail in <c>platform.audit_log</c>. Each row's hash is
/// HMAC-SM3(key, previous hash ‖ row), with the key outside the database, so an edit, deletion or
/// insertion anywhere breaks the chain from that row on. Written in its own transaction, so that denied and
/// failed actions (whose own transaction rolled back) are recorded too.
/// </summary>
public sealed class AuditTrail(ModuleDataSources sources, KeyRing keys, IClock clock, ILogger<AuditTrail> log)
{
    private readonly byte[] _key = keys.Derive("audit-chain");

    public async Task RecordAsync(RequestContext context, AuditEntry entry, CancellationToken ct = default)
    {
        try
        {
            await using var connection = await sources.For("platform").OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var head = await connection.QuerySingleAsync<(long Sequence, byte[] Hash)>(new CommandDefinition(
                "select sequence, hash from platform.audit_head where id = 1 for update", transaction: tx, cancellationToken: ct));
            var principal = context.Principal;
            var row = new AuditRow(head.Sequence + 1, clock.UtcNow.UtcDateTime, principal.UserId, principal.UserName, principal.ClientId,
                principal.DisplayRoles, context.SourceAddress, entry.Action, entry.TargetType, entry.TargetId,
                entry.TargetOrganization, entry.Result, context.Id, entry.Detail, head.Hash, []);
            row = row with { Hash = Hash(row) };
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into platform.audit_log (sequence, occurred_at, user_id, user_name, client_id, roles, source_address,
                    action, target_type, target_id, target_organization, result, correlation_id, detail, previous_hash, hash)
                values (@Sequence, @OccurredAt, @UserId, @UserName, @ClientId, @Roles, @SourceAddress,
                    @Action, @TargetType, @TargetId, @TargetOrganization, @Result, @CorrelationId, @Detail, @PreviousHash, @Hash);
                update platform.audit_head set sequence = @Sequence, hash = @Hash where id = 1;
                """, row, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An audit failure must itself leave a trace (SECURITY.md); the action name is not sensitive.
            // The caller's action already happened (or was already refused): failing it now would mislead.
            log.LogCritical(e, "Audit write failed for action {Action} ({Result})", entry.Action, entry.Result);
        }
    }

    /// <summary>
    /// Walks the chain in order, in one snapshot up to the head it read, and reports the first row whose hash
    /// does not follow (an edit, an insertion or a removal), or a head that no longer matches the last row.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var connection = await sources.For("platform").OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var head = await connection.QuerySingleAsync<(long Sequence, byte[] Hash)>(new CommandDefinition(
            "select sequence, hash from platform.audit_head where id = 1", transaction: tx, cancellationToken: ct));
        var previous = new byte[32];
        long checkedRows = 0, expectedSequence = 1;
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(VerifySql, new { head = head.Sequence }, tx, cancellationToken: ct)))
        {
            var parser = reader.GetRowParser<AuditRow>();
            while (await reader.ReadAsync(ct))
            {
                var row = parser(reader);
                var intact = row.Sequence == expectedSequence && row.PreviousHash.AsSpan().SequenceEqual(previous)
                             && Hash(row).AsSpan().SequenceEqual(row.Hash);
                if (!intact) return new AuditVerification(false, checkedRows, expectedSequence);
                previous = row.Hash;
                expectedSequence++;
                checkedRows++;
            }
        }
        if (head.Sequence != checkedRows || !head.Hash.AsSpan().SequenceEqual(previous))
            return new AuditVerification(false, checkedRows, checkedRows + 1); // rows removed from the end
        return new AuditVerification(true, checkedRows, null);
    }

    private const string VerifySql = """
        select sequence, occurred_at, user_id, user_name, client_id, roles, source_address, action, target_type,
               target_id, target_organization, result, correlation_id, detail, previous_hash, hash
        from platform.audit_log where sequence <= @head order by sequence
        """;

    private byte[] Hash(AuditRow row)
    {
        var text = string.Join('\u001f', row.Sequence, row.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"),
            row.UserId, row.UserName, row.ClientId, row.Roles, row.SourceAddress, row.Action, row.TargetType, row.TargetId,
            row.TargetOrganization, row.Result, row.CorrelationId, row.Detail);
        var data = new byte[row.PreviousHash.Length + Encoding.UTF8.GetByteCount(text)];
        row.PreviousHash.CopyTo(data, 0);
        Encoding.UTF8.GetBytes(text, 0, text.Length, data, row.PreviousHash.Length);
        return KeyRing.HmacSm3(_key, data);
    }

    private sealed record AuditRow(long Sequence, DateTime OccurredAt, Guid? UserId, string? UserName, string? ClientId,
        string? Roles, string? SourceAddress, string Action, string? TargetType, string? TargetId, string? TargetOrganization,
        string Result, string? CorrelationId, string? Detail, byte[] PreviousHash, byte[] Hash);
}

public sealed record AuditVerification(bool Intact, long Checked, long? FirstBrokenSequence);
