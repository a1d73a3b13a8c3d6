namespace RedSail.BuildingBlocks.Web;

/// <summary>A page of results with the total count, the shape every list API returns.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize);

/// <summary>Page arithmetic with bounds: page ≥ 1, page size 1–200 (no unbounded lists).</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int MaxPageSize = 200;
    public int Limit => PageSize;
    public int Offset => (Page - 1) * PageSize;

    public static Paging Of(int page, int pageSize) => new(Math.Clamp(page, 1, 100_000), Math.Clamp(pageSize, 1, MaxPageSize));

    /// <summary>Escapes LIKE wildcards in user input, so that "%" searches for a percent sign.</summary>
    public static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
