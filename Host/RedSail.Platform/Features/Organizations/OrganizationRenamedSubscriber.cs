using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Platform.Features.Organizations;

/// <summary>Renames the organisation in the platform's copy (setting a name twice changes nothing).</summary>
internal sealed class OrganizationRenamedSubscriber(PlatformDb db) : INotificationHandler<OrganizationRenamed>
{
    private const string Sql = "update platform.organization set name = @Name where id = @OrganizationId";

    public Task Handle(OrganizationRenamed notification, CancellationToken cancellationToken) =>
        db.ExecuteAsync(Sql, notification, cancellationToken);
}
