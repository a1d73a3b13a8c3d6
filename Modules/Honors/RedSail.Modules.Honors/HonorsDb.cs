using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Honors;

/// <summary>The Honors module's connection: logs in as the role that can use only the <c>honors</c> schema.</summary>
internal sealed class HonorsDb(ModuleDataSources sources, OutboxWriter outbox, RequestContext context)
    : DbSession(sources, HonorsModule.Schema, outbox, context);
