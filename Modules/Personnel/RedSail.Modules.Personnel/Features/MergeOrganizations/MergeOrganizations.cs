using RedSail.BuildingBlocks.Events;
using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.Organizations;

namespace RedSail.Modules.Personnel.Features.MergeOrganizations;

/// <summary>
/// Merges one organisation into another of the same kind (合并, e.g. two branches): the source's children move
/// under the target with their subtrees, its people join the target, and the source is closed as merged, kept
/// in history.
/// </summary>
internal sealed record MergeOrganizations(Guid SourceId, Guid? TargetId, DateOnly? EffectiveOn, string? Reason, long? Version)
    : IOrganizationChange
{
    public string AuditAction => "personnel.organizations.merge";
    Guid IOrganizationChange.OrganizationId => SourceId;
}

internal sealed record MergeOrganizationsBody(Guid? TargetId, DateOnly? EffectiveOn, string? Reason, long? Version);

internal sealed class MergeOrganizationsValidator(IClock clock) : IValidator<MergeOrganizations>
{
    public void Validate(MergeOrganizations request, ValidationErrors errors)
    {
        if (request.TargetId is null) errors.Add("targetId", "validation.required");
        else if (request.TargetId == request.SourceId) errors.Add("targetId", "organization.merge_into_itself");
        OrganizationTree.CheckChange(request, clock, errors);
    }
}

internal sealed class MergeOrganizationsHandler(PersonnelDb db, RequestContext context, MessageCatalog messages)
    : IRequestHandler<MergeOrganizations, OrganizationVersion>
{
    // Locked, so that a child moved away meanwhile is not announced as moved to the target.
    private const string ChildrenSql = "select id, path::text as path from personnel.organization where parent_id = @sourceId order by code for update";

    // The one write to people here: they follow their organisation into the target (the people slices own the rest).
    private const string MovePeopleSql = "update personnel.person set organization_id = @targetId where organization_id = @sourceId";

    private const string CloseSql = """
        update personnel.organization
        set status = 'merged', merged_into = @targetId, dissolved_on = @effectiveOn, version = version + 1
        where id = @sourceId
        """;

    public async Task<OrganizationVersion> Handle(MergeOrganizations request, CancellationToken cancellationToken)
    {
        var source = await OrganizationTree.LockForChangeAsync(db, context, request, cancellationToken);
        var target = await OrganizationTree.LockPlaceAsync(db, context, request.TargetId!.Value, "targetId", cancellationToken);
        if (OrganizationRules.IsWithin(target.Path, source.Path))
            new ValidationErrors().Add("targetId", "organization.merge_into_own_subtree").ThrowIfAny();
        if (!OrganizationRules.SameKind(source.Type, target.Type))
            new ValidationErrors().Add("targetId", "organization.merge_kind",
                OrganizationTree.TypeName(messages, source.Type), OrganizationTree.TypeName(messages, target.Type)).ThrowIfAny();

        var effectiveOn = request.EffectiveOn!.Value;
        var children = await db.QueryAsync<(Guid Id, string Path)>(ChildrenSql, new { sourceId = source.Id }, cancellationToken);
        await OrganizationTree.RewriteSubtreeAsync(db, source.Path, target.Path, includeTop: false, children.Select(c => c.Id).ToArray(),
            target.Id, cancellationToken);
        var people = await db.ExecuteAsync(MovePeopleSql, new { sourceId = source.Id, targetId = target.Id }, cancellationToken);
        await db.ExecuteAsync(CloseSql, new { sourceId = source.Id, targetId = target.Id, effectiveOn }, cancellationToken);

        var merged = new { SourceId = source.Id, SourceName = source.Name, TargetId = target.Id, TargetName = target.Name,
            Children = children.Count, People = people };
        await OrganizationTree.RecordAsync(db, context,
        [
            HistoryEntry.Of(request, source.Id, "merged", new { Status = OrganizationStatus.Active }, merged),
            HistoryEntry.Of(request, target.Id, "merged", null, merged),
            .. children.Select(c => HistoryEntry.Of(request, c.Id, "moved",
                new { ParentId = source.Id, ParentName = source.Name }, new { ParentId = target.Id, ParentName = target.Name })),
        ], cancellationToken);

        // Each child's move is announced like any other (receivers rewrite paths from the event alone), then the merge.
        var events = children.Select(c => (IntegrationEvent)new OrganizationMoved(c.Id, c.Path,
                OrganizationRules.ChildPath(target.Path, c.Id), target.Id, effectiveOn)).ToList();
        events.Add(new OrganizationsMerged(source.Id, target.Id, effectiveOn));
        await db.PublishAsync(events, cancellationToken);
        return new OrganizationVersion(source.Id, source.Version + 1);
    }
}

internal static class MergeOrganizationsEndpoint
{
    public static void MapMergeOrganizations(this IEndpointRouteBuilder api) =>
        api.MapPost("/organizations/{id:guid}/merge", (Guid id, MergeOrganizationsBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new MergeOrganizations(id, body.TargetId, body.EffectiveOn, body.Reason, body.Version), ct))
            .WithName("MergeOrganizations").WithSummary("合并组织：将本组织并入同类组织，下级组织和人员随之转入，本组织标记为已合并")
            .RequirePermission(PersonnelPermissions.Write);
}
