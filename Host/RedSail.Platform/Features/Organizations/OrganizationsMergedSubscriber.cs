using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Platform.Features.Organizations;

/// <summary>
/// Marks the merged organisation in the platform's copy, so that grant pickers no longer offer it. Its children
/// arrive under the target through their own <see cref="OrganizationMoved"/> events.
/// </summary>
internal sealed class OrganizationsMergedSubscriber(PlatformDb db) : INotificationHandler<OrganizationsMerged>
{
    private const string Sql = "update platform.organization set status = 'merged' where id = @SourceId";

    public Task Handle(OrganizationsMerged notification, CancellationToken cancellationToken) =>
        db.ExecuteAsync(Sql, notification, cancellationToken);
}
