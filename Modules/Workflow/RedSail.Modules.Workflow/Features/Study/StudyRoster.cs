namespace RedSail.Modules.Workflow.Features.Study;

/// <summary>Checks that people belong to an organisation's subtree (its roster), in one query, as field errors per list item.</summary>
internal static class StudyRoster
{
    /// <summary>Members on the roster now: not transferred out (flowing and out-of-contact members still study with their branch).</summary>
    public const string OnRoster = "p.relation <> 'transferred_out'";

    public static async Task CheckAsync(WorkflowDb db, Guid organizationId, IReadOnlyList<Guid> personIds, string field, bool list,
        CancellationToken ct)
    {
        var found = (await db.QueryAsync<Guid>($"""
            select p.id from workflow.person p join workflow.organization o on o.id = p.organization_id
            where p.id = any(@ids) and {OnRoster} and o.path <@ (select path from workflow.organization where id = @organizationId)
            """, new { ids = personIds.ToArray(), organizationId }, ct)).ToHashSet();
        var errors = new ValidationErrors();
        for (var i = 0; i < personIds.Count; i++)
            if (!found.Contains(personIds[i])) errors.Add(list ? $"{field}[{i}]" : field, "workflow.person_not_in_organization");
        errors.ThrowIfAny();
    }

    /// <summary>Hours to the tenth, more than nothing, at most 200 (a long course); the field error otherwise.</summary>
    public static ValidationErrors Hours(this ValidationErrors errors, string field, decimal? hours) =>
        hours is null ? errors.Add(field, "validation.required")
        : Domain.StudyKinds.ValidHours(hours) ? errors : errors.Add(field, "workflow.study.hours_invalid");
}
