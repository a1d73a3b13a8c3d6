using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Evaluations;

/// <summary>
/// Who votes in a round and what is graded, fixed from the roster when it opens (parameters @id, @organizationId,
/// @allMembers); each statement returns the number of subjects and of voters.
/// </summary>
internal static class RoundMembers
{
    // Voting members: full members on the roster (probationary members have no vote: 党章 第七条).
    public const string Voting = "p.party_status = 'full_member' and p.relation in ('active', 'flowing')";

    /// <summary>民主评议: every member (probationary too) is graded; every full member votes.</summary>
    public const string DemocraticSql = $"""
        with subjects as (
            insert into workflow.evaluation_subject (round_id, subject_id, name)
            select @id, p.id, p.name from workflow.person p
            where p.organization_id = @organizationId and p.party_status in ('probationary', 'full_member') and p.relation in ('active', 'flowing')
            returning 1),
        voters as (
            insert into workflow.evaluation_voter (round_id, person_id)
            select @id, p.id from workflow.person p where p.organization_id = @organizationId and {Voting}
            returning 1)
        select (select count(*)::int from subjects), (select count(*)::int from voters)
        """;

    /// <summary>述职测评: the subtree's active branches are scored; the committee's seat holders and the branches' secretaries vote (or all voting members).</summary>
    public static readonly string AnnualSql = $"""
        with root as (select path from workflow.organization where id = @organizationId),
        branches as (
            select o.id, o.name from workflow.organization o, root
            where o.path <@ root.path and o.id <> @organizationId and o.status = 'active' and {BranchTypes.Sql("o")}),
        subjects as (
            insert into workflow.evaluation_subject (round_id, subject_id, name) select @id, id, name from branches returning 1),
        voters as (
            insert into workflow.evaluation_voter (round_id, person_id)
            select distinct @id, p.id
            from workflow.person p join workflow.organization o on o.id = p.organization_id, root
            where {Voting} and o.path <@ root.path
              and (@allMembers or exists (
                    select 1 from workflow.committee_seat s
                    where s.person_id = p.id
                      and (s.organization_id = @organizationId or (s.post = 'secretary' and s.organization_id in (select id from branches)))))
            returning 1)
        select (select count(*)::int from subjects), (select count(*)::int from voters)
        """;
}
