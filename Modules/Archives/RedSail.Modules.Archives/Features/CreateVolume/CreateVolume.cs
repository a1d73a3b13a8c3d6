using Dapper;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.Modules.Archives.Features.CreateVolume;

/// <summary>Starts a compiled volume (汇编册) with its title page; documents and the cover are added to it afterwards.</summary>
internal sealed record CreateVolume(VolumeForm? Volume) : ICommand<VolumeVersion>
{
    public string AuditAction => "archives.volumes.create";
}

internal sealed record CreateVolumeBody(VolumeForm? Volume);

internal sealed class CreateVolumeValidator : IValidator<CreateVolume>
{
    public void Validate(CreateVolume request, ValidationErrors errors)
    {
        if (request.Volume is null) errors.Add("volume", "validation.required");
        else request.Volume.Check(errors);
    }
}

internal sealed class CreateVolumeHandler(ArchivesDb db, RequestContext context) : IRequestHandler<CreateVolume, VolumeVersion>
{
    public async Task<VolumeVersion> Handle(CreateVolume request, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var parameters = new DynamicParameters(request.Volume!.Columns());
        parameters.Add("id", id);
        parameters.Add("by", context.Principal.UserId);
        await db.ExecuteAsync("""
            insert into archives.volume (id, title, subtitle, compiled_by, year, description, security_level, recorded_by)
            values (@id, @title, @subtitle, @compiledBy, @year, @description, @securityLevel, @by)
            """, parameters, cancellationToken);
        return new VolumeVersion(id, 1);
    }
}

internal static class CreateVolumeEndpoint
{
    public static void MapCreateVolume(this IEndpointRouteBuilder api) =>
        api.MapPost("/volumes", async (CreateVolumeBody body, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateVolume(body.Volume), ct);
                return Results.Created($"/api/archives/volumes/{created.Id}", created);
            })
            .WithName("CreateVolume").WithSummary("新建汇编册（标题、副标题、编者、年度、简介、密级）")
            .RequirePermission(ArchivesPermissions.Write);
}
