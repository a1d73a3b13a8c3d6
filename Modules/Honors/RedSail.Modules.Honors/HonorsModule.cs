using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Features.ApproveHonour;
using RedSail.Modules.Honors.Features.ExportHonours;
using RedSail.Modules.Honors.Features.GetHonourStatistics;
using RedSail.Modules.Honors.Features.GetHonourWall;
using RedSail.Modules.Honors.Features.Honours;
using RedSail.Modules.Honors.Features.ImportHonours;
using RedSail.Modules.Honors.Features.ListFiftyYearCandidates;
using RedSail.Modules.Honors.Features.ListNominationRounds;
using RedSail.Modules.Honors.Features.ListRepresentatives;
using RedSail.Modules.Honors.Features.ListRoundNominations;
using RedSail.Modules.Honors.Features.NominateForRound;
using RedSail.Modules.Honors.Features.OpenNominationRound;
using RedSail.Modules.Honors.Features.RecordNominationResult;
using RedSail.Modules.Honors.Features.RecordRepresentative;
using RedSail.Modules.Honors.Features.UpdateRepresentative;
using RedSail.Modules.Honors.Features.DownloadCertificate;
using RedSail.Modules.Honors.Features.GetHonour;
using RedSail.Modules.Honors.Features.ListHonours;
using RedSail.Modules.Honors.Features.ProposeHonour;
using RedSail.Modules.Honors.Features.RejectHonour;
using RedSail.Modules.Honors.Features.UpdateHonour;
using RedSail.Modules.Honors.Features.UploadCertificate;
using RedSail.Modules.Honors.Features.WithdrawHonour;

namespace RedSail.Modules.Honors;

/// <summary>The Honors module's entry points: its services, and its API under <c>/api/honors</c>.</summary>
public static class HonorsModule
{
    public const string Schema = "honors";

    public static IServiceCollection AddHonors(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModule<HonorsDb>("Honors", Schema, typeof(HonorsModule).Assembly, typeof(HonorsPermissions).Assembly)
            .AddScoped<HonourImport>();

    public static IEndpointRouteBuilder MapHonors(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapModuleApi(Schema);
        // honours: proposal, review, the library
        api.MapProposeHonour();
        api.MapUpdateHonour();
        api.MapApproveHonour();
        api.MapRejectHonour();
        api.MapWithdrawHonour();
        api.MapGetHonour();
        api.MapUploadCertificate();
        api.MapDownloadCertificate();
        api.MapListHonours();
        api.MapExportHonours();
        api.MapImportHonours();
        api.MapGetHonourStatistics();
        api.MapGetHonourWall();
        api.MapListFiftyYearCandidates();
        // 党代表, 人大代表, 政协委员
        api.MapRecordRepresentative();
        api.MapUpdateRepresentative();
        api.MapListRepresentatives();
        // nomination rounds (评选)
        api.MapOpenNominationRound();
        api.MapListNominationRounds();
        api.MapNominateForRound();
        api.MapListRoundNominations();
        api.MapRecordNominationResult();
        return endpoints;
    }
}
