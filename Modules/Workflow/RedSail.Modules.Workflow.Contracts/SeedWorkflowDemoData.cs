using RedSail.BuildingBlocks.Mediation;

namespace RedSail.Modules.Workflow.Contracts;

/// <summary>
/// Fills Workflow with a year of the demo institute's party work (meetings, recruitment files, dues, plans …) over the
/// organisations and people its read model already holds (send it after Personnel's demo events were delivered). Does
/// nothing when any demo work exists. Returns the number of rows added.
/// </summary>
public sealed record SeedWorkflowDemoData(int Seed = 20190701) : ICommand<int>
{
    public string AuditAction => "workflow.seed_demo";
}
