using RedSail.Modules.Honors.Access;
using RedSail.Modules.Honors.Contracts;

namespace RedSail.Modules.Honors.Features.DownloadCertificate;

/// <summary>A certificate image of an honour in the caller's scope, with the type detected on upload.</summary>
internal sealed record DownloadCertificate(Guid HonourId, Guid CertificateId) : IQuery<CertificateContent>;

internal sealed class CertificateContent
{
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public byte[] Content { get; init; } = [];
}

internal sealed class DownloadCertificateHandler(HonorsDb db, RequestContext context) : IRequestHandler<DownloadCertificate, CertificateContent>
{
    public async Task<CertificateContent> Handle(DownloadCertificate request, CancellationToken cancellationToken) =>
        await db.QuerySingleOrDefaultAsync<CertificateContent>($"""
            select c.file_name, c.content_type, c.content
            from honors.certificate c join honors.honour h on h.id = c.honour_id join honors.organization o on o.id = h.organization_id
            where c.id = @CertificateId and c.honour_id = @HonourId and {HonorsScope.Within("o")}
            """, HonorsScope.Parameters(context, HonorsPermissions.Read, request), cancellationToken)
        ?? throw new NotFoundException("honour_certificate", request.CertificateId.ToString());
}

internal static class DownloadCertificateEndpoint
{
    public static void MapDownloadCertificate(this IEndpointRouteBuilder api) =>
        api.MapGet("/honours/{id:guid}/certificates/{certificateId:guid}", async (Guid id, Guid certificateId, IMediator mediator, CancellationToken ct) =>
            {
                var file = await mediator.Send(new DownloadCertificate(id, certificateId), ct);
                return Results.File(file.Content, file.ContentType, file.FileName);
            })
            .WithName("DownloadHonourCertificate").WithSummary("荣誉证书图片（按上传时识别的类型返回）")
            .RequirePermission(HonorsPermissions.Read);
}
