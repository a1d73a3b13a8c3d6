using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Platform.Features.Organizations;

/// <summary>
/// Moves the organisation and its whole subtree in the platform's copy, in one UPDATE, from the paths the event
/// carries. Run twice, the second run finds nothing left under the old path and changes nothing.
/// </summary>
internal sealed class OrganizationMovedSubscriber(PlatformDb db) : INotificationHandler<OrganizationMoved>
{
    private const string Sql = """
        update platform.organization o
        set path = case when o.path = @OldPath::ltree then @NewPath::ltree
                        else @NewPath::ltree || subpath(o.path, nlevel(@OldPath::ltree)) end,
            parent_id = case when o.id = @OrganizationId then @NewParentId else o.parent_id end
        where o.path <@ @OldPath::ltree
        """;

    public Task Handle(OrganizationMoved notification, CancellationToken cancellationToken) =>
        db.ExecuteAsync(Sql, notification, cancellationToken);
}
