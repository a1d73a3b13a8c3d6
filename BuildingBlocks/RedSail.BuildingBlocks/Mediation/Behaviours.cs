using MediatR;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Errors;
using RedSail.BuildingBlocks.Events;
using RedSail.BuildingBlocks.Modules;
using RedSail.BuildingBlocks.Validation;

namespace RedSail.BuildingBlocks.Mediation;

/// <summary>Outermost: every command leaves one audit row, whether it succeeded, was denied or failed.</summary>
public sealed class AuditBehaviour<TRequest, TResponse>(AuditTrail audit, RequestContext context)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommandBase command) return await next();
        var target = command.AuditTarget;
        try
        {
            var response = await next();
            var audited = response as IAuditedResult;
            if (audited is { Remarkable: false }) return response;
            var resultTarget = audited?.AuditTarget ?? target;
            await audit.RecordAsync(context, new AuditEntry(command.AuditAction, audited?.AuditOutcome ?? AuditResult.Success,
                resultTarget?.Type, resultTarget?.Id, resultTarget?.OrganizationId), cancellationToken);
            return response;
        }
        catch (AppException e)
        {
            var result = e.Status is 403 or 404 ? AuditResult.Denied : AuditResult.Failed;
            await audit.RecordAsync(context, new AuditEntry(command.AuditAction, result, target?.Type, target?.Id,
                target?.OrganizationId, e.Code), CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await audit.RecordAsync(context, new AuditEntry(command.AuditAction, AuditResult.Failed, target?.Type, target?.Id,
                target?.OrganizationId, e.GetType().Name), CancellationToken.None);
            throw;
        }
    }
}

/// <summary>
/// A command result that tells the audit row more: what was created (e.g. the new user's id), or that the
/// command committed yet refused the caller (a wrong password is counted, so it cannot roll back).
/// </summary>
public interface IAuditedResult
{
    AuditTarget? AuditTarget { get; }
    string AuditOutcome => AuditResult.Success;
    /// <summary>False when the command, though it succeeded, did nothing worth a line (a scheduled job that found no work):
    /// the trail records actions, not the clock ticking.</summary>
    bool Remarkable => true;
}

/// <summary>
/// Runs every validator of the request; any field error stops the request before it touches data. Field
/// errors (from validators or handlers) are tagged with the module, whose messages name the fields.
/// </summary>
public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators, ModuleCatalog catalog)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            var errors = new ValidationErrors();
            foreach (var validator in validators) validator.Validate(request, errors);
            errors.ThrowIfAny();
            return await next();
        }
        catch (ValidationFailedException e) when (e.Scope is null)
        {
            e.Scope = catalog.ForType(typeof(TRequest))?.Schema;
            throw;
        }
    }
}

/// <summary>
/// One command = one transaction on the owning module's connection (shared with its outbox writes);
/// a query runs read-only (each of its commands in an implicit read-only transaction, see DbSession.BeginAsync).
/// After a commit that wrote events the dispatcher is woken.
/// </summary>
public sealed class TransactionBehaviour<TRequest, TResponse>(IServiceProvider services, ModuleCatalog catalog, OutboxDispatcher dispatcher,
    RequestContext context)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var module = catalog.ForType(typeof(TRequest))
            ?? throw new InvalidOperationException($"{typeof(TRequest).Name} does not belong to a registered module.");
        var session = (DbSession)services.GetRequiredService(module.SessionType);
        if (session.Transaction is not null) return await next(); // nested send inside the same module

        var isCommand = request is ICommandBase;
        await session.BeginAsync(readOnly: !isCommand, cancellationToken);
        try
        {
            var response = await next();
            if (isCommand) await context.CommitStartingAsync();
            await session.CommitAsync(cancellationToken);
            if (session.WroteEvents) dispatcher.Signal();
            return response;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}
