using System.Text.Json;
using RedSail.BuildingBlocks.Rules;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Meetings;

/// <summary>
/// The meeting rules in force on a date, read in SQL for the set-based to-do sources (which get only <c>@today</c>): the
/// section <c>meetings</c> of the version in force (<see cref="RuleBook"/>'s choice), and the 2014 figure of
/// <see cref="WorkflowRules.Regulation2014"/> for a value the version does not hold.
/// </summary>
internal static class MeetingRulesSql
{
    private static readonly string DefaultQuotas =
        JsonSerializer.Serialize(WorkflowRules.Regulation2014.Meetings.Quotas, RuleSetStore.Json).Replace("'", "''");

    /// <summary>A jsonb expression: the <c>meetings</c> section of the version in force on <paramref name="dateSql"/> (before the first version, the first).</summary>
    public static string InForce(string dateSql) => $"""
        coalesce((select r.rules->'meetings' from workflow.rule_set r where r.effective_from <= {dateSql} order by r.effective_from desc limit 1),
                 (select r.rules->'meetings' from workflow.rule_set r order by r.effective_from limit 1), '{"{}"}'::jsonb)
        """;

    /// <summary>The quotas (<c>{"type": {"per": …, "count": …}}</c>) of a <see cref="InForce"/> expression.</summary>
    public static string Quotas(string meetingsJson) => $"coalesce(({meetingsJson})->'quotas', '{DefaultQuotas}'::jsonb)";

    /// <summary>A whole-number rule of a <see cref="InForce"/> expression, e.g. <c>absenceAlertMonths</c>.</summary>
    public static string Number(string meetingsJson, string name, int regulation) => $"coalesce((({meetingsJson})->>'{name}')::int, {regulation})";
}
