namespace RedSail.BuildingBlocks.Web;

/// <summary>What every xlsx export shares: the content type, and cells that a spreadsheet cannot run as formulas.</summary>
public static class Spreadsheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Neutralises spreadsheet formulas (CSV/formula injection): a cell starting with = + - @ tab or CR is written as text.</summary>
    public static string? Cell(string? value) =>
        value is { Length: > 0 } && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;
}
