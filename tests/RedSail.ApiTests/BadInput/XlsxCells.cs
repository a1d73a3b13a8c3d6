using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RedSail.ApiTests.BadInput;

/// <summary>Every text cell of every sheet of a workbook (shared and inline strings), and how many cells hold a formula.</summary>
internal static class XlsxCells
{
    public static (IReadOnlyList<string> Texts, int Formulas) Texts(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var part = document.WorkbookPart!;
        var shared = part.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        var texts = new List<string>();
        var formulas = 0;
        foreach (var cell in part.WorksheetParts.SelectMany(w => w.Worksheet.Descendants<Cell>()))
        {
            if (cell.CellFormula is not null) formulas++;
            if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i < shared.Length) texts.Add(shared[i]);
            else if (cell.DataType?.Value == CellValues.InlineString) texts.Add(cell.InlineString?.InnerText ?? "");
            else if (cell.DataType?.Value == CellValues.String) texts.Add(cell.CellValue?.Text ?? "");
        }
        return (texts, formulas);
    }
}
