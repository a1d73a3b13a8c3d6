using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.AddVolumeItems;
using RedSail.Modules.Archives.Features.CreateVolume;
using RedSail.Modules.Archives.Features.FeatureVolume;
using RedSail.Modules.Archives.Features.GetAnnouncement;
using RedSail.Modules.Archives.Features.ListAnnouncements;
using RedSail.Modules.Archives.Features.PinAnnouncement;
using RedSail.Modules.Archives.Features.PublishAnnouncement;
using RedSail.Modules.Archives.Features.RemoveAnnouncement;
using RedSail.Modules.Archives.Features.UpdateAnnouncement;
using RedSail.Modules.Archives.Features.GetVolume;
using RedSail.Modules.Archives.Features.GetVolumeCover;
using RedSail.Modules.Archives.Features.GetVolumeReader;
using RedSail.Modules.Archives.Features.ListVolumeCandidates;
using RedSail.Modules.Archives.Features.ListVolumes;
using RedSail.Modules.Archives.Features.RemoveVolume;
using RedSail.Modules.Archives.Features.RemoveVolumeItem;
using RedSail.Modules.Archives.Features.ReorderVolumeItems;
using RedSail.Modules.Archives.Features.SetVolumeCover;
using RedSail.Modules.Archives.Features.UpdateVolume;

namespace RedSail.Modules.Archives;

/// <summary>The Archives module's entry points: its services, and its API under <c>/api/archives</c>.</summary>
public static class ArchivesModule
{
    public const string Schema = "archives";

    public static IServiceCollection AddArchives(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModule<ArchivesDb>("Archives", Schema, typeof(ArchivesModule).Assembly, typeof(ArchivesPermissions).Assembly);

    public static IEndpointRouteBuilder MapArchives(this IEndpointRouteBuilder endpoints)
    {
        // Feature slices map their endpoints here as they are built (Features/<UseCase>).
        var api = endpoints.MapModuleApi(Schema);
        // compiled volumes (汇编册) and their e-book reader
        api.MapListVolumes();
        api.MapCreateVolume();
        api.MapGetVolume();
        api.MapUpdateVolume();
        api.MapSetVolumeCover();
        api.MapGetVolumeCover();
        api.MapAddVolumeItems();
        api.MapRemoveVolumeItem();
        api.MapReorderVolumeItems();
        api.MapFeatureVolume();
        api.MapRemoveVolume();
        api.MapGetVolumeReader();
        api.MapListVolumeCandidates();
        // the portal's announcements and news (通知公告、党建要闻)
        api.MapListAnnouncements();
        api.MapGetAnnouncement();
        api.MapPublishAnnouncement();
        api.MapUpdateAnnouncement();
        api.MapPinAnnouncement();
        api.MapRemoveAnnouncement();
        return endpoints;
    }
}
