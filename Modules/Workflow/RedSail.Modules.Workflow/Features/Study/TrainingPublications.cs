using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.Study;

/// <summary>
/// <see cref="TrainingRecorded"/> for the training records just written, built set-based from the rows (one query, one publish):
/// the records of <c>ids</c>, or every record when null (the demo seeding).
/// </summary>
internal static class TrainingPublications
{
    public static async Task PublishAsync(WorkflowDb db, Guid[]? ids, CancellationToken ct)
    {
        var rows = await db.QueryAsync<TrainingRow>("""
            select id, person_id, organization_id, title, organizer, held_on, hours, kind from workflow.training_record
            where @ids::uuid[] is null or id = any(@ids)
            """, new { ids }, ct);
        await db.PublishAsync(rows.Select(r => (IntegrationEvent)new TrainingRecorded(r.Id, r.PersonId, r.OrganizationId, r.Title, r.Organizer, r.HeldOn,
            r.Hours, r.Kind)).ToList(), ct);
    }

    private sealed class TrainingRow
    {
        public Guid Id { get; init; }
        public Guid PersonId { get; init; }
        public Guid OrganizationId { get; init; }
        public string Title { get; init; } = "";
        public string Organizer { get; init; } = "";
        public DateOnly HeldOn { get; init; }
        public decimal Hours { get; init; }
        public string Kind { get; init; } = "";
    }
}
