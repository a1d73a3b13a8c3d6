using System.Text.Json;
using System.Text.Json.Serialization;
using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.Organizations;

/// <summary>An organisation as the tree-changing slices read it (path as text: ltree labels joined by dots).</summary>
internal sealed record OrganizationRow(Guid Id, Guid? ParentId, string? ParentName, string Code, string Name, string Type, string Path,
    string Status, long Version)
{
    /// <summary>The columns, from <c>personnel.organization o</c> joined to its parent <c>p</c>.</summary>
    public const string Columns = "o.id, o.parent_id, p.name as parent_name, o.code, o.name, o.type, o.path::text as path, o.status, o.version";
    public const string From = "personnel.organization o left join personnel.organization p on p.id = o.parent_id";

    public bool IsRoot => ParentId is null;
    public bool IsActive => Status == OrganizationStatus.Active;
}

internal static class OrganizationStatus
{
    public const string Active = "active";
    public const string Merged = "merged";
    public const string Dissolved = "dissolved";
}

/// <summary>
/// A change of an existing organisation (rename, move, merge, dissolve): it takes effect on a date, for a reason, and
/// applies only to the version the caller read. Audited against that organisation.
/// </summary>
internal interface IOrganizationChange : ICommand<OrganizationVersion>
{
    Guid OrganizationId { get; }
    DateOnly? EffectiveOn { get; }
    string? Reason { get; }
    long? Version { get; }

    AuditTarget? ICommandBase.AuditTarget => new("organization", OrganizationId.ToString(), OrganizationId.ToString());
}

/// <summary>One line of an organisation's history (<c>personnel.organization_history</c>).</summary>
internal sealed record HistoryEntry(Guid OrganizationId, string Change, DateOnly EffectiveOn, string? Reason, object? Before, object After)
{
    /// <summary>The line a validated change writes for <paramref name="organizationId"/>, with its date and reason.</summary>
    public static HistoryEntry Of(IOrganizationChange change, Guid organizationId, string type, object? before, object after) =>
        new(organizationId, type, change.EffectiveOn!.Value, change.Reason!.Trim(), before, after);
}

/// <summary>A command's answer: the organisation and its version after the change (for the next edit).</summary>
internal sealed record OrganizationVersion(Guid Id, long Version) : IAuditedResult
{
    [JsonIgnore]
    public AuditTarget? AuditTarget => new("organization", Id.ToString(), Id.ToString());
}

/// <summary>
/// What the slices that change the organisation tree share: the caller's scope on the organisation and on a new
/// place (404 outside it, so existence does not leak), optimistic concurrency, the type rules at a place, the
/// set-based rewrite of a subtree's paths, and the history rows.
/// </summary>
internal static class OrganizationTree
{
    // The scope condition comes from PersonnelScope (shared with the people slices), so these three are built once.
    private static readonly string LockSql = $"""
        select {OrganizationRow.Columns} from {OrganizationRow.From}
        where o.id = @id and {PersonnelScope.Within("o")}
        for update of o
        """;

    private static readonly string LockPlaceSql = $"""
        select {OrganizationRow.Columns} from {OrganizationRow.From}
        where o.id = @id and {PersonnelScope.Within("o")}
        for share of o
        """;

    private static readonly string ReadableSql = $"""
        select exists (select 1 from personnel.organization o where o.id = @id and {PersonnelScope.Within("o")})
        """;

    /// <summary>
    /// The organisation to change, locked: in the caller's write scope (the root only for a global scope), at the
    /// version the caller read, and still active.
    /// </summary>
    public static async Task<OrganizationRow> LockForChangeAsync(PersonnelDb db, RequestContext context, IOrganizationChange change,
        CancellationToken ct)
    {
        var (id, scope) = (change.OrganizationId, context.Principal.ScopeFor(PersonnelPermissions.Write));
        var row = await db.QuerySingleOrDefaultAsync<OrganizationRow>(LockSql, PersonnelScope.Parameters(scope, new { id }), ct);
        if (row is null || (row.IsRoot && !scope.IsGlobal)) throw new NotFoundException("organization", id.ToString());
        if (row.Version != change.Version) throw new ConcurrencyException(row.Version);
        if (!row.IsActive) throw new RuleViolationException("organization.closed", "organization.closed");
        return row;
    }

    /// <summary>
    /// A new place in the tree (parent or merge target), share-locked so it cannot move or close meanwhile: in the
    /// caller's write scope (404 otherwise) and active (a field error on <paramref name="field"/> otherwise).
    /// </summary>
    public static async Task<OrganizationRow> LockPlaceAsync(PersonnelDb db, RequestContext context, Guid id, string field, CancellationToken ct)
    {
        var scope = context.Principal.ScopeFor(PersonnelPermissions.Write);
        var row = await db.QuerySingleOrDefaultAsync<OrganizationRow>(LockPlaceSql, PersonnelScope.Parameters(scope, new { id }), ct)
                  ?? throw new NotFoundException("organization", id.ToString());
        if (!row.IsActive) new ValidationErrors().Add(field, "organization.place_closed").ThrowIfAny();
        return row;
    }

    /// <summary>
    /// For reads of one organisation: 404 unless it is in the caller's read scope. The refusal is audited, as a
    /// refused command would be (out-of-scope ids are how object-level access is probed).
    /// </summary>
    public static async Task EnsureReadableAsync(PersonnelDb db, RequestContext context, AuditTrail audit, Guid id, string action,
        CancellationToken ct)
    {
        var scope = context.Principal.ScopeFor(PersonnelPermissions.Read);
        if (await db.ExecuteScalarAsync<bool>(ReadableSql, PersonnelScope.Parameters(scope, new { id }), ct)) return;
        await audit.RecordAsync(context, new AuditEntry(action, AuditResult.Denied, "organization", id.ToString(), id.ToString(), "not_found"), ct);
        throw new NotFoundException("organization", id.ToString());
    }

    /// <summary>A field error unless an organisation of <paramref name="type"/> may sit under <paramref name="parent"/>.</summary>
    public static void EnsureMaySitUnder(string type, OrganizationRow parent, string field, MessageCatalog messages)
    {
        if (!OrganizationRules.MaySitUnder(type, parent.Type))
            new ValidationErrors().Add(field, "organization.place_not_allowed", TypeName(messages, type), TypeName(messages, parent.Type)).ThrowIfAny();
    }

    public static string TypeName(MessageCatalog messages, string type) => messages.Get("org_type." + type);

    private const string LockSubtreeSql = """
        select count(*) from (select 1 from personnel.organization where path <@ @fromPath::ltree for update) locked
        """;

    // One statement for the whole subtree, however deep: paths that began with fromPath begin with toPath.
    private const string RewriteSubtreeSql = """
        update personnel.organization o
        set path = case when o.path = @fromPath::ltree then @toPath::ltree
                        else @toPath::ltree || subpath(o.path, nlevel(@fromPath::ltree)) end,
            parent_id = case when o.id = any(@reparented) then @newParentId else o.parent_id end,
            version = o.version + case when o.id = any(@reparented) then 1 else 0 end
        where o.path <@ @fromPath::ltree and (@includeTop or o.path <> @fromPath::ltree)
        """;

    /// <summary>
    /// Moves what lies at <paramref name="fromPath"/> (with <paramref name="includeTop"/>, the organisation there too;
    /// without, only what is below it) to <paramref name="toPath"/>, in one UPDATE; the <paramref name="reparented"/>
    /// organisations get <paramref name="newParentId"/> as parent and a new version. The subtree is locked first, in
    /// its own statement: a child added under it meanwhile is then either seen by the UPDATE or waits for this commit.
    /// </summary>
    public static async Task RewriteSubtreeAsync(PersonnelDb db, string fromPath, string toPath, bool includeTop, Guid[] reparented,
        Guid newParentId, CancellationToken ct)
    {
        await db.ExecuteScalarAsync<long>(LockSubtreeSql, new { fromPath }, ct);
        await db.ExecuteAsync(RewriteSubtreeSql, new { fromPath, toPath, includeTop, reparented, newParentId }, ct);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string HistorySql = """
        insert into personnel.organization_history (organization_id, change_type, effective_on, reason, before, after, recorded_by)
        select h.organization_id, h.change_type, h.effective_on, h.reason, h.before::jsonb, h.after::jsonb, @recordedBy
        from unnest(@organizations, @changes, @effective, @reasons, @befores, @afters)
             as h(organization_id, change_type, effective_on, reason, before, after)
        """;

    /// <summary>Writes history lines in one statement, recorded by the caller.</summary>
    public static Task RecordAsync(PersonnelDb db, RequestContext context, IReadOnlyList<HistoryEntry> entries, CancellationToken ct) =>
        db.ExecuteAsync(HistorySql, new
        {
            organizations = entries.Select(e => e.OrganizationId).ToArray(),
            changes = entries.Select(e => e.Change).ToArray(),
            effective = entries.Select(e => e.EffectiveOn).ToArray(),
            reasons = entries.Select(e => e.Reason).ToArray(),
            befores = entries.Select(e => e.Before is null ? null : JsonSerializer.Serialize(e.Before, Json)).ToArray(),
            afters = entries.Select(e => JsonSerializer.Serialize(e.After, Json)).ToArray(),
            recordedBy = context.Principal.UserId,
        }, ct);

    /// <summary>
    /// An organisation's name: 1–100 characters, no control characters. In this module "name" is displayed as a
    /// person's name (field.personnel.name), so these messages name the field themselves, as the code's do.
    /// </summary>
    public static void CheckName(string? name, ValidationErrors errors)
    {
        const int MaxLength = 100;
        if (string.IsNullOrWhiteSpace(name)) errors.Add("name", "organization.name_required");
        else if (name.Trim().Length > MaxLength) errors.Add("name", "organization.name_too_long", MaxLength);
        else if (name.Any(char.IsControl)) errors.Add("name", "organization.name_invalid");
    }

    /// <summary>A date that must not lie in the future (founding, effective date).</summary>
    public static void CheckNotFuture(string field, DateOnly? date, DateOnly today, ValidationErrors errors)
    {
        if (date > today) errors.Add(field, "organization.date_in_future");
    }

    /// <summary>What every change of an existing organisation carries: effective date, reason, the version read.</summary>
    public static void CheckChange(IOrganizationChange change, IClock clock, ValidationErrors errors)
    {
        if (change.EffectiveOn is null) errors.Add("effectiveOn", "validation.required");
        CheckNotFuture("effectiveOn", change.EffectiveOn, clock.Today, errors);
        errors.RequiredMax("reason", change.Reason?.Trim(), 500);
        if (change.Version is null) errors.Add("version", "validation.required");
    }
}
