using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;

namespace RedSail.Modules.Honors.Features.OpenNominationRound;

/// <summary>
/// The committee opens a nomination round (评选, e.g. 两优一先): the honour it confers, the window in which branches nominate,
/// and how many nominations each branch may make.
/// </summary>
internal sealed record OpenNominationRound(string? Title, string? HonourType, string? HonourLevel, string? ConferringBody, DateOnly? OpensOn,
    DateOnly? ClosesOn, int? QuotaPerBranch) : ICommand<OpenedRound>
{
    public string AuditAction => "honors.rounds.open";
    public AuditTarget AuditTarget => new("nomination_round", null);
}

internal sealed record OpenedRound(Guid Id) : IAuditedResult
{
    AuditTarget? IAuditedResult.AuditTarget => new("nomination_round", Id.ToString());
}

internal sealed class OpenNominationRoundValidator : IValidator<OpenNominationRound>
{
    public void Validate(OpenNominationRound request, ValidationErrors errors)
    {
        errors.RequiredMax("title", request.Title, 200);
        if (HonourTypes.Find(request.HonourType) is null) errors.Add("honourType", "validation.invalid");
        if (!HonourLevels.IsKnown(request.HonourLevel)) errors.Add("honourLevel", "validation.invalid");
        errors.RequiredMax("conferringBody", request.ConferringBody, 200);
        if (request.OpensOn is null) errors.Add("opensOn", "validation.required");
        if (request.ClosesOn is null) errors.Add("closesOn", "validation.required");
        else if (request.OpensOn is not null && request.ClosesOn < request.OpensOn) errors.Add("closesOn", "honors.rounds.closes_before_opening");
        if (request.QuotaPerBranch is null) errors.Add("quotaPerBranch", "validation.required");
        else errors.Between("quotaPerBranch", request.QuotaPerBranch.Value, 1, 100);
    }
}

internal sealed class OpenNominationRoundHandler(HonorsDb db, RequestContext context) : IRequestHandler<OpenNominationRound, OpenedRound>
{
    public async Task<OpenedRound> Handle(OpenNominationRound request, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("""
            insert into honors.nomination_round (id, title, type, level, conferring_body, opens_on, closes_on, quota_per_branch, created_by)
            values (@id, @title, @HonourType, @HonourLevel, @body, @OpensOn, @ClosesOn, @QuotaPerBranch, @by)
            """, new
        {
            id, title = request.Title!.Trim(), request.HonourType, request.HonourLevel, body = request.ConferringBody!.Trim(), request.OpensOn,
            request.ClosesOn, request.QuotaPerBranch, by = context.Principal.UserId,
        }, cancellationToken);
        return new OpenedRound(id);
    }
}

internal static class OpenNominationRoundEndpoint
{
    public static void MapOpenNominationRound(this IEndpointRouteBuilder api) =>
        api.MapPost("/rounds", async (OpenNominationRound command, IMediator mediator, CancellationToken ct) =>
            {
                var opened = await mediator.Send(command, ct);
                return Results.Created($"/api/honors/rounds/{opened.Id}", opened);
            })
            .WithName("OpenNominationRound").WithSummary("党委发起评选（如两优一先）：授予的荣誉、推荐时间窗口、每个支部的名额")
            .RequirePermission(HonorsPermissions.Approve);
}
