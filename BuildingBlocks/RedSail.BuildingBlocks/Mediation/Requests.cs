using MediatR;

namespace RedSail.BuildingBlocks.Mediation;

/// <summary>A request that changes state: it runs in one transaction and is audited.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>, ICommandBase;

/// <summary>Marker shared by all commands so behaviours can recognise them without generics.</summary>
public interface ICommandBase
{
    /// <summary>The audit action name, e.g. "platform.users.create".</summary>
    string AuditAction { get; }

    /// <summary>What the command acts on, for the audit trail (type and id); null where not yet known.</summary>
    AuditTarget? AuditTarget => null;
}

/// <summary>A request that only reads: it runs in a read-only transaction.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;

public sealed record AuditTarget(string Type, string? Id, string? OrganizationId = null);
