using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Events;
using RedSail.BuildingBlocks.Validation;

namespace RedSail.BuildingBlocks.Mediation;

public static class MediationRegistration
{
    /// <summary>
    /// MediatR 5.1.0 has no DI extension here: the mediator and its service factory are registered by hand,
    /// handlers and validators by Scrutor scanning (internal types included). Behaviours wrap in the order
    /// registered: audit, then validation, then the transaction.
    /// </summary>
    public static IServiceCollection AddMediation(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(p => p.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuditBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehaviour<,>));
        return services;
    }

    /// <summary>Registers a module assembly's handlers and validators, and its integration-event subscribers.</summary>
    public static IServiceCollection AddHandlersFrom(this IServiceCollection services, Assembly assembly, string receiverSchema)
    {
        services.Scan(scan => scan.FromAssemblies(assembly)
            .AddClasses(c => c.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(IValidator<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime());

        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            if (typeof(IBatchSubscriber).IsAssignableFrom(type)) services.AddScoped(type);
            foreach (var eventType in SubscribedEvents(type))
            {
                services.AddScoped(type); // resolved by concrete type when the dispatcher delivers to this one subscriber
                services.AddSingleton(new SubscriberRegistration(type, eventType, receiverSchema));
            }
        }
        return services;
    }

    /// <summary>Declares the integration event types found in a contracts assembly.</summary>
    public static IServiceCollection AddEventTypesFrom(this IServiceCollection services, Assembly contracts)
    {
        foreach (var type in contracts.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IntegrationEvent).IsAssignableFrom(t)))
            services.AddSingleton(new EventTypeRegistration(type));
        return services;
    }

    public static IEnumerable<Type> SubscribedEvents(Type handlerType) =>
        handlerType.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INotificationHandler<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(e => typeof(IntegrationEvent).IsAssignableFrom(e));
}
