using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Workflow;

/// <summary>The Workflow module's connection: logs in as the role that can use only the <c>workflow</c> schema.</summary>
internal sealed class WorkflowDb(ModuleDataSources sources, OutboxWriter outbox, RequestContext context)
    : DbSession(sources, WorkflowModule.Schema, outbox, context);
