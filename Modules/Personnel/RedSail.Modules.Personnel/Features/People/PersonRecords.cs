using System.Text.Json;
using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Security;
using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.People;

/// <summary>An information-set entry as stored: sensitive fields still encrypted.</summary>
internal sealed class PersonRecordRow
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public Guid OrganizationId { get; init; }
    public string SetKind { get; init; } = "";
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public string Data { get; init; } = "{}";
    public byte[]? Secret { get; init; }
    public string? MassOrganizationName { get; init; }
    public DateTime UpdatedAt { get; init; }
    public long Version { get; init; }

    public const string Columns = """
        r.id, r.person_id, p.organization_id, r.set_kind, r.valid_from, r.valid_to, r.data::text as data, r.secret,
        mo.name as mass_organization_name, r.updated_at, r.version
        """;

    public const string From = """
        personnel.person_record r join personnel.person p on p.id = r.person_id join personnel.organization o on o.id = p.organization_id
        left join personnel.organization mo on mo.id = r.organization_id
        """;
}

/// <summary>An entry as the API shows it: sensitive fields masked unless the caller unmasked them.</summary>
internal sealed record PersonRecordView(Guid Id, string Set, DateOnly? ValidFrom, DateOnly? ValidTo, IReadOnlyDictionary<string, string> Values,
    string? OrganizationName, bool Masked, DateTime UpdatedAt, long Version);

/// <summary>What the information-set slices share: scope checks on the person, the sensitive part's encryption, masking.</summary>
internal static class PersonRecords
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The person's organisation, if the person lies within the caller's scope for <paramref name="permission"/>;
    /// otherwise 404 (existence does not leak), audited as denied when <paramref name="audit"/> is given (queries; a command's
    /// denial is audited by the pipeline).</summary>
    public static async Task<Guid> EnsurePersonAsync(PersonnelDb db, RequestContext context, Guid personId, string permission,
        CancellationToken ct, AuditTrail? audit = null, string? action = null)
    {
        var organizationId = await db.QuerySingleOrDefaultAsync<Guid?>($"""
            select p.organization_id from personnel.person p join personnel.organization o on o.id = p.organization_id
            where p.id = @personId and {PersonnelScope.Within("o")}
            """, PersonnelScope.Parameters(context.Principal.ScopeFor(permission), new { personId }), ct);
        if (organizationId is { } found) return found;
        if (audit is not null) await audit.RecordAsync(context, new AuditEntry(action!, AuditResult.Denied, "person", personId.ToString()), ct);
        throw new NotFoundException("person", personId.ToString());
    }

    /// <summary>Splits checked values into the ordinary part (jsonb) and the sensitive part (encrypted JSON, or null).</summary>
    public static (string Data, byte[]? Secret, string? SearchText) Split(InformationSet set, IReadOnlyDictionary<string, string> values, FieldCipher cipher)
    {
        var sensitive = set.Sensitive.Select(f => f.Name).ToHashSet();
        var ordinary = values.Where(v => !sensitive.Contains(v.Key)).ToDictionary();
        var secret = values.Where(v => sensitive.Contains(v.Key)).ToDictionary();
        var search = string.Join(' ', set.Fields.Where(f => f.Searchable && values.ContainsKey(f.Name)).Select(f => values[f.Name]));
        return (JsonSerializer.Serialize(ordinary, Json), secret.Count == 0 ? null : cipher.Encrypt(JsonSerializer.Serialize(secret, Json)),
            search.Length == 0 ? null : search);
    }

    /// <summary>All values of a stored entry, the sensitive ones decrypted.</summary>
    public static Dictionary<string, string> Values(PersonRecordRow row, FieldCipher cipher)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(row.Data, Json) ?? [];
        if (row.Secret is not null)
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(cipher.Decrypt(row.Secret), Json) ?? [])
                values[key] = value;
        return values;
    }

    public static PersonRecordView View(PersonRecordRow row, FieldCipher cipher, bool unmask)
    {
        var set = InformationSets.Find(row.SetKind)!;
        var values = Values(row, cipher);
        var masked = !unmask && set.Sensitive.Any(f => values.ContainsKey(f.Name));
        if (masked)
            foreach (var field in set.Sensitive.Where(f => values.ContainsKey(f.Name)))
                values[field.Name] = Mask(field.Name, values[field.Name]);
        return new PersonRecordView(row.Id, row.SetKind, row.ValidFrom, row.ValidTo, values, row.MassOrganizationName, masked, row.UpdatedAt, row.Version);
    }

    /// <summary>A family member's name keeps its surname (张*); other sensitive text shows only that something is there.</summary>
    private static string Mask(string field, string value) => field == "name" && value.Length > 0 ? value[0] + new string('*', value.Length - 1) : "******";

    /// <summary>The ordinary values only: what the timeline and integration events may carry.</summary>
    public static Dictionary<string, string> Ordinary(InformationSet set, IReadOnlyDictionary<string, string> values) =>
        values.Where(v => set.Sensitive.All(f => f.Name != v.Key)).ToDictionary();

    /// <summary>A membership must name an active mass organisation (工会, 团委 …); any one, since they sit beside the party tree.</summary>
    public static async Task<Guid?> MassOrganizationAsync(PersonnelDb db, InformationSet set, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        if (!values.TryGetValue("organization", out var text)) return null;
        var id = Guid.Parse(text);
        var type = await db.QuerySingleOrDefaultAsync<string>(
            "select type from personnel.organization where id = @id and status = 'active'", new { id }, ct);
        if (type is null || !InformationSets.MassOrganizationTypes.Contains(type))
            new ValidationErrors().Add($"{set.Kind}.organization", "records.not_a_mass_organization").ThrowIfAny();
        return id;
    }

    /// <summary>Stores a new entry (its sensitive part encrypted); a second current entry of a single-entry set is a field error.</summary>
    public static async Task<Guid> InsertAsync(PersonnelDb db, FieldCipher cipher, InformationSet set, Guid personId, DateOnly? from, DateOnly? to,
        IReadOnlyDictionary<string, string> values, Guid? massOrganization, CancellationToken ct)
    {
        var (data, secret, search) = Split(set, values, cipher);
        var id = Guid.CreateVersion7();
        try
        {
            await db.ExecuteAsync("""
                insert into personnel.person_record (id, person_id, set_kind, valid_from, valid_to, data, secret, search_text, organization_id)
                values (@id, @personId, @set, @from, @to, @data::jsonb, @secret, @search, @massOrganization)
                """, new { id, personId, set = set.Kind, from, to, data, secret, search, massOrganization }, ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation && e.ConstraintName == "ux_person_record_single")
        {
            new ValidationErrors().Add("set", "records.single_current").ThrowIfAny();
        }
        return id;
    }

    /// <summary>Replaces an entry's period and values; returns its new version.</summary>
    public static Task<long> UpdateAsync(PersonnelDb db, FieldCipher cipher, InformationSet set, Guid recordId, DateOnly? from, DateOnly? to,
        IReadOnlyDictionary<string, string> values, Guid? massOrganization, CancellationToken ct)
    {
        var (data, secret, search) = Split(set, values, cipher);
        return db.QuerySingleAsync<long>("""
            update personnel.person_record
            set valid_from = @from, valid_to = @to, data = @data::jsonb, secret = @secret, search_text = @search,
                organization_id = @massOrganization, version = version + 1, updated_at = now()
            where id = @recordId
            returning version
            """, new { from, to, data, secret, search, massOrganization, recordId }, ct);
    }

    /// <summary>Records the change on the person's timeline and tells the other modules (ordinary values only).</summary>
    public static async Task AnnounceAsync(PersonnelDb db, RequestContext context, InformationSet set, Guid personId, Guid organizationId, Guid recordId,
        string change, DateOnly effectiveOn, string? reason, DateOnly? from, DateOnly? to, IReadOnlyDictionary<string, string>? before,
        IReadOnlyDictionary<string, string> after, CancellationToken ct)
    {
        var sensitiveChanged = before is not null && set.Sensitive.Any(f => before.GetValueOrDefault(f.Name) != after.GetValueOrDefault(f.Name));
        await PersonWrites.RecordChangeAsync(db, context, personId, $"record_{change}", effectiveOn, reason,
            before is null ? null : new { set = set.Kind, values = Ordinary(set, before) },
            new { set = set.Kind, recordId, values = Ordinary(set, after), from, to, sensitiveChanged }, ct);
        await db.PublishAsync(new PersonRecordChanged(personId, organizationId, recordId, set.Kind, change, from, to, Ordinary(set, after)), ct);
    }
}
