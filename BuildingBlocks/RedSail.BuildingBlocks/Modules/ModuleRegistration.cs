using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Localization;
using RedSail.BuildingBlocks.Mediation;

namespace RedSail.BuildingBlocks.Modules;

/// <summary>An assembly whose embedded messages join the catalog.</summary>
public sealed record MessageSource(Assembly Assembly);

public static class ModuleRegistration
{
    /// <summary>
    /// Registers a module: its definition, its scoped <typeparamref name="TSession"/>, its handlers, validators
    /// subscribers and demo parts, the event types its own contracts declare, and its messages.
    /// </summary>
    public static IServiceCollection AddModule<TSession>(this IServiceCollection services, string name, string schema,
        Assembly module, Assembly? contracts) where TSession : DbSession
    {
        services.AddSingleton(new ModuleDefinition(name, schema, module, contracts, typeof(TSession)));
        services.AddScoped<TSession>();
        services.AddHandlersFrom(module, schema);
        services.Scan(scan => scan.FromAssemblies(module)
            .AddClasses(c => c.AssignableTo<IDemoPart<TSession>>(), publicOnly: false).As<IDemoPart<TSession>>().WithSingletonLifetime());
        services.AddSingleton(new MessageSource(module));
        if (contracts is not null)
        {
            services.AddEventTypesFrom(contracts);
            services.AddSingleton(new MessageSource(contracts));
        }
        return services;
    }
}
