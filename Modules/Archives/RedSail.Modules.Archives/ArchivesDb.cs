using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Archives;

/// <summary>The Archives module's connection: logs in as the role that can use only the <c>archives</c> schema.</summary>
internal sealed class ArchivesDb(ModuleDataSources sources, OutboxWriter outbox, RequestContext context)
    : DbSession(sources, ArchivesModule.Schema, outbox, context);
