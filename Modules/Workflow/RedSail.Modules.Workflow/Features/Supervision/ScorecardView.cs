using System.Text.Json;
using System.Text.Json.Nodes;

namespace RedSail.Modules.Workflow.Features.Supervision;

/// <summary>A branch's scorecard for a quarter: the grade and its items (<see cref="Scorecard"/> documents their shape).</summary>
internal sealed record ScorecardView(string Quarter, Guid OrganizationId, string OrganizationName, string Grade, JsonArray Items,
    DateTime? ComputedAt, bool Stored, string? Response, DateTime? RespondedAt);

/// <summary>A scorecard row as read from SQL (items as jsonb text).</summary>
internal sealed class ScorecardRow
{
    public string Quarter { get; init; } = "";
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public string Grade { get; init; } = "";
    public string Items { get; init; } = "[]";
    public DateTime? ComputedAt { get; init; }
    public string? Response { get; init; }
    public DateTime? RespondedAt { get; init; }

    public ScorecardView View(bool stored) => new(Quarter, OrganizationId, OrganizationName, Grade,
        JsonNode.Parse(Items) as JsonArray ?? [], ComputedAt, stored, Response, RespondedAt);
}
