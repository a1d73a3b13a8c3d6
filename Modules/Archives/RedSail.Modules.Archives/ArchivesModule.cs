using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.BuildingBlocks.Scheduling;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.AddCategory;
using RedSail.Modules.Archives.Features.DownloadDocumentFile;
using RedSail.Modules.Archives.Features.EditCategory;
using RedSail.Modules.Archives.Features.EditDocument;
using RedSail.Modules.Archives.Features.ExtractTexts;
using RedSail.Modules.Archives.Features.Files;
using RedSail.Modules.Archives.Features.GetDocument;
using RedSail.Modules.Archives.Features.GetDocumentImport;
using RedSail.Modules.Archives.Features.GetExtractionProgress;
using RedSail.Modules.Archives.Features.ImportDocumentFile;
using RedSail.Modules.Archives.Features.ListCategories;
using RedSail.Modules.Archives.Features.ListDocuments;
using RedSail.Modules.Archives.Features.RecordDocument;
using RedSail.Modules.Archives.Features.RemoveCategory;
using RedSail.Modules.Archives.Features.RemoveDocument;
using RedSail.Modules.Archives.Features.StartDocumentImport;
using RedSail.Modules.Archives.Features.UploadDocumentFile;
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
using RedSail.Modules.Archives.Features.ListVolumes;
using RedSail.Modules.Archives.Features.RemoveVolume;
using RedSail.Modules.Archives.Features.RemoveVolumeItem;
using RedSail.Modules.Archives.Features.ReorderVolumeItems;
using RedSail.Modules.Archives.Features.SetVolumeCover;
using RedSail.Modules.Archives.Features.UpdateVolume;
using RedSail.Modules.Archives.Features.SearchDocuments;

namespace RedSail.Modules.Archives;

/// <summary>The Archives module's entry points: its services, and its API under <c>/api/archives</c>.</summary>
public static class ArchivesModule
{
    public const string Schema = "archives";

    public static IServiceCollection AddArchives(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModule<ArchivesDb>("Archives", Schema, typeof(ArchivesModule).Assembly, typeof(ArchivesPermissions).Assembly);
        // Documents and files
        services.AddSingleton<FileStore>().AddSingleton<ExtractionKick>().AddHostedService<ExtractionWorker>();
        services.AddScheduledCommand("archives.extract-texts", "史料全文提取：每分钟处理待提取的文件", TimeSpan.FromMinutes(1), () => new ExtractPendingTexts());
        return services;
    }

    public static IEndpointRouteBuilder MapArchives(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapModuleApi(Schema);
        // Documents and files
        api.MapListCategories();
        api.MapAddCategory();
        api.MapEditCategory();
        api.MapRemoveCategory();
        api.MapListDocuments();
        api.MapGetDocument();
        api.MapRecordDocument();
        api.MapEditDocument();
        api.MapRemoveDocument();
        api.MapUploadDocumentFile();
        api.MapDownloadDocumentFile();
        api.MapGetExtractionProgress();
        api.MapStartDocumentImport();
        api.MapImportDocumentFile();
        api.MapGetDocumentImport();
        // Chinese full-text search
        api.MapSearchDocuments();
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
