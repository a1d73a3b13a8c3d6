using RedSail.Modules.Analytics.Access;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Domain;
using RedSail.Modules.Analytics.Features.Statistics;

namespace RedSail.Modules.Analytics.Features.GetHeadline;

/// <summary>
/// The headline figures of the caller's scope (the portal's front page): party members (probationary + full), branches,
/// probationary members, and applicants — everyone on the way in who is not yet a member (申请人, 积极分子, 发展对象).
/// </summary>
internal sealed record GetHeadline(Guid? OrganizationId) : IQuery<Headline>;

internal sealed record Headline(long Members, long Branches, long Probationary, long Applicants, DateOnly AsOf);

internal sealed class GetHeadlineHandler(AnalyticsDb db, RequestContext context, IClock clock) : IRequestHandler<GetHeadline, Headline>
{
    public async Task<Headline> Handle(GetHeadline q, CancellationToken cancellationToken)
    {
        var counts = await SubtreeCounts.LoadAsync(db, await AnalyticsScope.RootsAsync(db, context, q.OrganizationId, cancellationToken), null,
            clock.Today, cancellationToken);
        return new Headline(counts.Members, Bands.BranchTypes.Sum(t => counts.Count("org_type", t)), counts.Count("status", "probationary"),
            counts.Count("status", "applicant") + counts.Count("status", "activist") + counts.Count("status", "candidate"), counts.AsOf);
    }
}

internal static class GetHeadlineEndpoint
{
    public static void MapGetHeadline(this IEndpointRouteBuilder api) =>
        api.MapGet("/headline", (Guid? organizationId, IMediator mediator, CancellationToken ct) => mediator.Send(new GetHeadline(organizationId), ct))
            .WithName("GetAnalyticsHeadline").WithSummary("首页关键数字：党员、支部、预备党员、入党申请人（含积极分子、发展对象），范围为调用者的组织子树")
            .RequirePermission(AnalyticsPermissions.Read);
}
