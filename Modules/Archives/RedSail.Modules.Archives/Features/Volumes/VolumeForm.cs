using RedSail.Modules.Archives.Domain;

namespace RedSail.Modules.Archives.Features.Volumes;

/// <summary>What the compiler types about a volume (creating and editing): its title page and an optional explicit security level.</summary>
internal sealed record VolumeForm(string? Title, string? Subtitle, string? CompiledBy, int? Year, string? Description, int? SecurityLevel)
{
    public void Check(ValidationErrors errors)
    {
        errors.RequiredMax("volume.title", Title, 200).MaxLength("volume.subtitle", Subtitle, 200).MaxLength("volume.compiledBy", CompiledBy, 100)
            .MaxLength("volume.description", Description, 2000);
        if (Year is null) errors.Add("volume.year", "validation.required");
        else errors.Between("volume.year", Year.Value, 1921, 2100);
        if (SecurityLevel is { } level) errors.Between("volume.securityLevel", level, SecurityLevels.Public, SecurityLevels.Restricted);
    }

    public object Columns() => new
    {
        title = Title!.Trim(), subtitle = Blank(Subtitle), compiledBy = Blank(CompiledBy), year = Year!.Value, description = Blank(Description),
        securityLevel = (short?)SecurityLevel,
    };

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A volume after a command: its id and the version the editor continues from.</summary>
internal sealed record VolumeVersion(Guid Id, long Version);

/// <summary>The body of the small volume commands: the version the editor read.</summary>
internal sealed record VolumeVersionBody(long Version);
