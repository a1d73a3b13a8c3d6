using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.UploadCertificate;

/// <summary>
/// Adds a certificate image to an honour: the proposing branch while it is not yet approved, the committee (approve
/// permission) at any time. <see cref="CertificateFile"/> says which files are accepted.
/// </summary>
internal sealed record UploadCertificate(Guid HonourId, string FileName, byte[] Content) : ICommand<UploadedCertificate>
{
    public string AuditAction => "honors.certificates.upload";
    public AuditTarget AuditTarget => new("honour", HonourId.ToString());
}

internal sealed record UploadedCertificate(Guid Id, string FileName, string ContentType, int Size) : IAuditedResult
{
    AuditTarget? IAuditedResult.AuditTarget => new("honour_certificate", Id.ToString());
}

internal sealed class UploadCertificateValidator : IValidator<UploadCertificate>
{
    public void Validate(UploadCertificate request, ValidationErrors errors) => errors.RequiredMax("file", request.FileName, 255);
}

internal sealed class UploadCertificateHandler(HonorsDb db, RequestContext context) : IRequestHandler<UploadCertificate, UploadedCertificate>
{
    public async Task<UploadedCertificate> Handle(UploadCertificate request, CancellationToken cancellationToken)
    {
        var contentType = CertificateFile.Detect(request.Content);
        var committee = context.Principal.Has(HonorsPermissions.Approve);
        var honour = await HonourAccess.FindForUpdateAsync(db, context, committee ? HonorsPermissions.Approve : HonorsPermissions.Write,
            request.HonourId, version: null, cancellationToken);
        if (!committee && !HonourStatuses.Editable(honour.Status)) throw new RuleViolationException("honour_not_editable", "honors.not_editable");
        var id = Guid.CreateVersion7();
        var fileName = Path.GetFileName(request.FileName.Trim());
        await db.ExecuteAsync("""
            insert into honors.certificate (id, honour_id, file_name, content_type, size, sha256, content, uploaded_by)
            values (@id, @honourId, @fileName, @contentType, @size, @sha256, @content, @by)
            """, new
            {
                id, honourId = honour.Id, fileName, contentType, size = request.Content.Length, sha256 = SHA256.HashData(request.Content),
                content = request.Content, by = context.Principal.UserId,
            }, cancellationToken);
        return new UploadedCertificate(id, fileName, contentType, request.Content.Length);
    }
}

internal static class UploadCertificateEndpoint
{
    public static void MapUploadCertificate(this IEndpointRouteBuilder api) =>
        api.MapPost("/honours/{id:guid}/certificates", async (Guid id, HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                var (fileName, content) = await UploadedForm.ReadAsync(http, CertificateFile.MaxBytes,
                    UploadedForm.FieldTooLarge("honors.certificate_too_large", CertificateFile.MaxBytes), ct);
                var uploaded = await mediator.Send(new UploadCertificate(id, fileName, content), ct);
                return Results.Created($"/api/honors/honours/{id}/certificates/{uploaded.Id}", uploaded);
            })
            .WithName("UploadHonourCertificate").WithSummary("上传荣誉证书图片（PNG、JPEG，5 MB 以内）")
            .WithMetadata(new RequestSizeLimitAttribute(CertificateFile.MaxBytes + 64 * 1024))
            .RequirePermission(HonorsPermissions.Write);
}
