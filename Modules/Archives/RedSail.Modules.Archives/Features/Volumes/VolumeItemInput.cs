namespace RedSail.Modules.Archives.Features.Volumes;

/// <summary>A document placed in a volume, with the section heading that opens a part before it (optional).</summary>
internal sealed record VolumeItemInput(Guid DocumentId, string? SectionHeading);

internal static class VolumeItems
{
    /// <summary>How many documents a volume holds at most (the largest paper volumes run to a few hundred).</summary>
    public const int MaxItems = 500;

    public static void Check(IReadOnlyList<VolumeItemInput>? items, ValidationErrors errors)
    {
        if (items is null || items.Count == 0) errors.Add("items", "validation.required");
        else if (items.Count > MaxItems) errors.Add("items", "archives.volumes.items_over_limit", MaxItems);
        else if (items.Select(i => i.DocumentId).Distinct().Count() != items.Count) errors.Add("items", "archives.volumes.duplicate_item");
        else
            for (var i = 0; i < items.Count; i++)
                errors.MaxLength($"items[{i}].sectionHeading", items[i].SectionHeading, 100);
    }

    public static object Arrays(IReadOnlyList<VolumeItemInput> items) => new
    {
        ids = items.Select(i => i.DocumentId).ToArray(),
        headings = items.Select(i => VolumeForm.Blank(i.SectionHeading)).ToArray(),
    };
}
