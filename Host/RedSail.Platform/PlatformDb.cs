using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;

namespace RedSail.Platform;

/// <summary>The platform's connection: logs in as the role that can use only the <c>platform</c> schema.</summary>
internal sealed class PlatformDb(ModuleDataSources sources, OutboxWriter outbox, RequestContext context)
    : DbSession(sources, PlatformModule.Schema, outbox, context);
