namespace RedSail.Testing;

/// <summary>The people list's per-subtree counts (personnel.organization_people) against a recount of the people themselves.</summary>
public static class PeopleCounts
{
    /// <summary>How many organisations' subtree counts differ from a recount (or are missing): zero when the read model is exact.</summary>
    public const string MismatchesSql = """
        select count(*) from personnel.organization a
        left join personnel.organization_people c on c.organization_id = a.id
        where c.subtree_people is distinct from (
            select count(*) from personnel.person p join personnel.organization o on o.id = p.organization_id where o.path <@ a.path)
        """;
}
