using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Platform.Features.Organizations;

/// <summary>Marks the dissolved organisation in the platform's copy, so that grant pickers no longer offer it.</summary>
internal sealed class OrganizationDissolvedSubscriber(PlatformDb db) : INotificationHandler<OrganizationDissolved>
{
    private const string Sql = "update platform.organization set status = 'dissolved' where id = @OrganizationId";

    public Task Handle(OrganizationDissolved notification, CancellationToken cancellationToken) =>
        db.ExecuteAsync(Sql, notification, cancellationToken);
}
