using System.IO.Compression;
using System.Security;
using System.Text;

namespace RedSail.Modules.Analytics.Features.GetAnnualReport;

/// <summary>
/// A minimal xlsx writer for report tables with merged header cells (MiniExcel writes flat tables only): sheets of rows of
/// text or numbers, bold header rows, column widths and merge ranges. Text is written as inline strings, neutralised
/// against formulas like every export (Spreadsheet.Cell).
/// </summary>
internal sealed class MergedSheetWriter
{
    internal sealed class Sheet(string name)
    {
        public string Name { get; } = name;
        public List<object?[]> Rows { get; } = [];
        public List<string> Merges { get; } = [];
        public HashSet<int> BoldRows { get; } = [];

        /// <summary>Merges the cells from (row, column) spanning rows × columns, 0-based.</summary>
        public void Merge(int row, int column, int rows, int columns) =>
            Merges.Add($"{Reference(row, column)}:{Reference(row + rows - 1, column + columns - 1)}");
    }

    private readonly List<Sheet> _sheets = [];

    public Sheet Add(string name)
    {
        var sheet = new Sheet(name);
        _sheets.Add(sheet);
        return sheet;
    }

    public byte[] ToArray()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{string.Concat(_sheets.Select((_, i) => $"""<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""))}</Types>
                """);
            Entry(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Entry(zip, "xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{string.Concat(_sheets.Select((s, i) => $"""<sheet name="{SecurityElement.Escape(s.Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>"""))}</sheets></workbook>
                """);
            Entry(zip, "xl/_rels/workbook.xml.rels", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{string.Concat(_sheets.Select((_, i) => $"""<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>"""))}<Relationship Id="rId{_sheets.Count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                """);
            // Style 1: bold, centred, bordered (headers); style 2: bordered (figures).
            Entry(zip, "xl/styles.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border/><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/></border></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf/><xf fontId="1" borderId="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf borderId="1" applyBorder="1"/></cellXfs></styleSheet>
                """);
            for (var i = 0; i < _sheets.Count; i++) Entry(zip, $"xl/worksheets/sheet{i + 1}.xml", SheetXml(_sheets[i]));
        }
        return stream.ToArray();
    }

    private static string SheetXml(Sheet sheet)
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        var columns = sheet.Rows.Count == 0 ? 0 : sheet.Rows.Max(r => r.Length);
        if (columns > 0) xml.Append($"""<cols><col min="1" max="1" width="28" customWidth="1"/>{(columns > 1 ? $"""<col min="2" max="{columns}" width="12" customWidth="1"/>""" : "")}</cols>""");
        xml.Append("<sheetData>");
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            xml.Append($"""<row r="{r + 1}">""");
            var style = sheet.BoldRows.Contains(r) ? 1 : 2;
            for (var c = 0; c < sheet.Rows[r].Length; c++)
            {
                var reference = Reference(r, c);
                switch (sheet.Rows[r][c])
                {
                    case null:
                        xml.Append($"""<c r="{reference}" s="{style}"/>""");
                        break;
                    case long or int or decimal or double:
                        xml.Append($"""<c r="{reference}" s="{style}"><v>{Convert.ToString(sheet.Rows[r][c], System.Globalization.CultureInfo.InvariantCulture)}</v></c>""");
                        break;
                    default:
                        xml.Append($"""<c r="{reference}" s="{style}" t="inlineStr"><is><t>{SecurityElement.Escape(Spreadsheet.Cell(sheet.Rows[r][c]!.ToString()))}</t></is></c>""");
                        break;
                }
            }
            xml.Append("</row>");
        }
        xml.Append("</sheetData>");
        if (sheet.Merges.Count > 0)
            xml.Append($"""<mergeCells count="{sheet.Merges.Count}">{string.Concat(sheet.Merges.Select(m => $"""<mergeCell ref="{m}"/>"""))}</mergeCells>""");
        return xml.Append("</worksheet>").ToString();
    }

    private static string Reference(int row, int column)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name + (row + 1);
    }

    private static void Entry(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(content.Trim());
    }
}
