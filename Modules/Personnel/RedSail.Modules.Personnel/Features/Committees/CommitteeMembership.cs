using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.Committees;

/// <summary>What the committee slices share: who counts as a member of an organisation, and who may sit on its committee.</summary>
internal static class CommitteeMembership
{
    /// <summary>Party members (probationary and full) whose membership is kept in the organisation's subtree.</summary>
    public const string MembersOfSubtree = """
        personnel.person m join personnel.organization mo on mo.id = m.organization_id
        where mo.path <@ (select path from personnel.organization where id = @organizationId)
          and m.party_status in ('probationary', 'full_member') and m.relation <> 'transferred_out'
        """;

    public static Task<int> CountAsync(PersonnelDb db, Guid organizationId, CancellationToken ct) =>
        db.ExecuteScalarAsync<int>($"select count(*) from {MembersOfSubtree}", new { organizationId }, ct);

    /// <summary>
    /// A field error for each proposed person who is not a full member of the organisation's subtree: only full
    /// members may be elected (预备党员没有被选举权), and only by their own organisation.
    /// </summary>
    public static async Task CheckEligibleAsync(PersonnelDb db, Guid organizationId, IReadOnlyList<Guid> personIds, string fieldPrefix,
        CancellationToken ct)
    {
        var eligible = (await db.QueryAsync<Guid>($"""
            select m.id from {MembersOfSubtree} and m.party_status = '{PartyStatus.FullMember}' and m.id = any(@personIds)
            """, new { organizationId, personIds = personIds.ToArray() }, ct)).ToHashSet();
        var errors = new ValidationErrors();
        for (var i = 0; i < personIds.Count; i++)
            if (!eligible.Contains(personIds[i])) errors.Add($"{fieldPrefix}[{i}].personId", "committee.not_eligible");
        errors.ThrowIfAny();
    }
}
