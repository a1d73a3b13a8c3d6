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
        return endpoints;
    }
}
