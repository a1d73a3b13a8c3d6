using RedSail.Modules.Archives.Access;

namespace RedSail.Modules.Archives.Features.Volumes;

/// <summary>A volume as commands find it.</summary>
internal sealed class StoredVolume
{
    public Guid Id { get; init; }
    public long Version { get; init; }
    public DateTime? RemovedAt { get; init; }
}

internal static class VolumeAccess
{
    /// <summary>
    /// Who may open a volume (SQL on alias <c>v</c>, with <see cref="ArchivesScope.Parameters"/>): every reader, unless the compiler
    /// gave the volume an explicit security level above 0 — then only those who read the whole institute's archive (a grant on the
    /// root of the tree). A level that is only the highest of its documents' does not hide the volume: each reader's table of
    /// contents leaves out the documents they may not see.
    /// </summary>
    public const string Readable = """
        v.removed_at is null and (coalesce(v.security_level, 0) = 0 or @archivesScopeReadEverywhere
            or exists (select 1 from archives.organization scope_top where scope_top.parent_id is null and scope_top.id = any(@archivesScopeReadRoots)))
        """;

    /// <summary>The visible documents of volume <c>v</c>, in reading order (SQL over alias <c>i</c> for items and <c>d</c> for documents).</summary>
    public static string VisibleItems => $"""
        from archives.volume_item i join archives.document d on d.id = i.document_id
        where i.volume_id = v.id and d.removed_at is null and {ArchivesScope.Visible("d")}
        """;

    /// <summary>The security level a volume shows: its explicit one, else the highest of its documents'.</summary>
    public const string EffectiveLevel = """
        coalesce(v.security_level, (select max(ld.security_level) from archives.volume_item li join archives.document ld on ld.id = li.document_id
            where li.volume_id = v.id and ld.removed_at is null), 0)
        """;

    /// <summary>The volume, locked for the command (404 when missing or removed), at the version the editor read (409 otherwise).</summary>
    public static async Task<StoredVolume> LockAsync(ArchivesDb db, Guid volumeId, long? version, CancellationToken ct)
    {
        var volume = await db.QuerySingleOrDefaultAsync<StoredVolume>(
            "select id, version, removed_at from archives.volume where id = @volumeId for update", new { volumeId }, ct);
        if (volume is null || volume.RemovedAt is not null) throw new NotFoundException("volume", volumeId.ToString());
        if (version is { } expected && volume.Version != expected) throw new ConcurrencyException(volume.Version);
        return volume;
    }

    /// <summary>Marks the volume changed by the caller and returns its next version.</summary>
    public static async Task<VolumeVersion> TouchAsync(ArchivesDb db, RequestContext context, Guid volumeId, CancellationToken ct) =>
        new(volumeId, await db.QuerySingleAsync<long>(
            "update archives.volume set updated_at = now(), updated_by = @by, version = version + 1 where id = @volumeId returning version",
            new { volumeId, by = context.Principal.UserId }, ct));
}
