using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Analytics;

/// <summary>The Analytics module's connection: logs in as the role that can use only the <c>analytics</c> schema.</summary>
internal sealed class AnalyticsDb(ModuleDataSources sources, OutboxWriter outbox, RequestContext context)
    : DbSession(sources, AnalyticsModule.Schema, outbox, context);
