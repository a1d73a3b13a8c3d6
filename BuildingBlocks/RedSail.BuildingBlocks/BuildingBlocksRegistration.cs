using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;
using RedSail.BuildingBlocks.Localization;
using RedSail.BuildingBlocks.Mediation;
using RedSail.BuildingBlocks.Modules;
using RedSail.BuildingBlocks.Security;

namespace RedSail.BuildingBlocks;

public static class BuildingBlocksRegistration
{
    /// <summary>The shared kernel's services. Modules register themselves with <see cref="ModuleRegistration.AddModule{TSession}"/>.</summary>
    public static IServiceCollection AddBuildingBlocks(this IServiceCollection services, DatabaseOptions database, KeyRing keys, OutboxOptions outbox,
        TimeZoneInfo institutionZone)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        services.AddSingleton<IClock>(new SystemClock(institutionZone));
        services.AddSingleton(database);
        services.AddSingleton(keys);
        services.AddSingleton(outbox);
        services.AddSingleton<FieldCipher>();
        services.AddSingleton<BlindIndex>();
        services.AddSingleton<ModuleDataSources>();
        services.AddSingleton<ModuleCatalog>();
        services.AddSingleton<SubscriberRegistry>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(p => p.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<ParkedDeliveries>();
        services.AddSingleton<RedSail.BuildingBlocks.Web.HostPresence>();
        services.AddHostedService(p => p.GetRequiredService<RedSail.BuildingBlocks.Web.HostPresence>());
        services.AddSingleton<RedSail.BuildingBlocks.Web.IdempotencyKeys>();
        services.AddScoped<RequestContext>();
        services.AddScoped<ICorrelation>(p => p.GetRequiredService<RequestContext>());
        services.AddScoped<OutboxWriter>();
        services.AddSingleton(new MessageSource(typeof(BuildingBlocksRegistration).Assembly));
        services.AddSingleton(p => new MessageCatalog(p.GetServices<MessageSource>().Select(s => s.Assembly)));
        services.AddMediation();
        return services;
    }
}
