using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Personnel;

/// <summary>The Personnel module's connection: logs in as the role that can use only the <c>personnel</c> schema.</summary>
internal sealed class PersonnelDb(ModuleDataSources sources, OutboxWriter outbox, RequestContext context)
    : DbSession(sources, PersonnelModule.Schema, outbox, context);
