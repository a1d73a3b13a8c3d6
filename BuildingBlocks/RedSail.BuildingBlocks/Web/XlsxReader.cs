using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace RedSail.BuildingBlocks.Web;

/// <summary>One row of a worksheet: its number as the spreadsheet shows it, and its cells by column (0 = A); blank cells are null.</summary>
public sealed record XlsxRow(int Number, object?[] Cells);

/// <summary>
/// Reads the first worksheet of an xlsx in one forward pass, row by row, for imports of up to 100,000 rows.
/// A cell is a string (shared, inline or formula text), a double (numbers, and dates as Excel stores them: OA date
/// numbers) or a bool. A general-purpose reader (MiniExcel's dynamic rows) spent 60–100 µs a row here, twice over
/// when the file has no dimension element (docs/benchmarks.md); this one spends a few. Check the file first
/// (size, zip bomb, content): this reader trusts the zip's limits and only refuses what is not SpreadsheetML.
/// </summary>
public static class XlsxReader
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false, CloseInput = true,
    };

    /// <summary>The rows of the first sheet, lazily; rows without any cell value are left out. Throws <see cref="InvalidDataException"/> on a malformed file.</summary>
    public static IEnumerable<XlsxRow> ReadFirstSheet(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        var (sheetPath, sharedStringsPath) = Locate(zip);
        var sharedStrings = sharedStringsPath is null || zip.GetEntry(sharedStringsPath) is not { } entry ? [] : ReadSharedStrings(entry);
        var sheet = zip.GetEntry(sheetPath) ?? throw new InvalidDataException($"The workbook names {sheetPath}, which the file lacks.");
        using var xml = Open(sheet);
        foreach (var row in ReadRows(xml, sharedStrings)) yield return row;
    }

    private static XmlReader Open(ZipArchiveEntry entry)
    {
        try
        {
            return XmlReader.Create(entry.Open(), Settings);
        }
        catch (XmlException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary>The first sheet in workbook order, and the shared strings part, through the workbook's relationships.</summary>
    private static (string Sheet, string? SharedStrings) Locate(ZipArchive zip)
    {
        string? firstSheetRelation = null;
        using (var workbook = Open(zip.GetEntry("xl/workbook.xml") ?? throw new InvalidDataException("No xl/workbook.xml.")))
            Guard(() =>
            {
                while (firstSheetRelation is null && workbook.Read())
                    if (workbook.NodeType == XmlNodeType.Element && workbook.LocalName == "sheet")
                        firstSheetRelation = workbook.GetAttribute("id", RelationshipsNamespace);
            });
        string? sheet = null, sharedStrings = null;
        if (zip.GetEntry("xl/_rels/workbook.xml.rels") is { } relationsEntry)
        {
            using var relations = Open(relationsEntry);
            Guard(() =>
            {
                while (relations.Read())
                {
                    if (relations.NodeType != XmlNodeType.Element || relations.LocalName != "Relationship") continue;
                    var target = relations.GetAttribute("Target");
                    if (target is null) continue;
                    var path = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
                    if (relations.GetAttribute("Id") == firstSheetRelation) sheet = path;
                    else if (relations.GetAttribute("Type")?.EndsWith("/sharedStrings", StringComparison.Ordinal) == true) sharedStrings = path;
                }
            });
        }
        return (sheet ?? "xl/worksheets/sheet1.xml", sharedStrings ?? "xl/sharedStrings.xml");
    }

    /// <summary>Each shared string as its text runs joined; phonetic runs (rPh) are not part of the text.</summary>
    private static List<string> ReadSharedStrings(ZipArchiveEntry entry)
    {
        var strings = new List<string>();
        using var xml = Open(entry);
        var names = Names.Of(xml);
        Guard(() =>
        {
            xml.Read();
            while (!xml.EOF)
            {
                // ReadText leaves the reader on the item's end tag; the Read below moves past it (or past an empty item).
                if (xml.NodeType == XmlNodeType.Element && (object)xml.LocalName == names.Item)
                    strings.Add(xml.IsEmptyElement ? "" : ReadText(xml, names).Text);
                xml.Read();
            }
        });
        return strings;
    }

    private static IEnumerable<XlsxRow> ReadRows(XmlReader xml, List<string> sharedStrings)
    {
        var names = Names.Of(xml);
        var cells = new List<object?>(32);
        var rowNumber = 0;
        while (true)
        {
            bool more;
            try { more = xml.Read(); }
            catch (XmlException e) { throw new InvalidDataException(e.Message, e); }
            if (!more) yield break;
            if (xml.NodeType != XmlNodeType.Element || (object)xml.LocalName != names.Row) continue;

            var previous = rowNumber;
            rowNumber = xml.GetAttribute("r") is { } r && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : rowNumber + 1;
            // SpreadsheetML numbers rows in ascending order; a repeated or backward number would name two rows alike (found by the
            // xlsx fuzzer: the people import staged both under one row number and failed on its key with a 500).
            if (rowNumber <= previous) throw new InvalidDataException($"Row {rowNumber} follows row {previous}.");
            cells.Clear();
            var any = false;
            if (!xml.IsEmptyElement)
                Guard(() => any = ReadCells(xml, names, sharedStrings, cells));
            if (any) yield return new XlsxRow(rowNumber, [.. cells]);
        }
    }

    /// <summary>
    /// The cells of the row the reader is on, placed by their references (a row may skip blank cells); true if any has a
    /// value. Leaves the reader on the row's end tag.
    /// </summary>
    private static bool ReadCells(XmlReader xml, Names names, List<string> sharedStrings, List<object?> cells)
    {
        var any = false;
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element || (object)xml.LocalName != names.Cell || xml.IsEmptyElement) continue;
            var column = ColumnOf(xml.GetAttribute("r")) ?? cells.Count;
            if (column > 16_383) throw new InvalidDataException("A cell lies beyond column XFD.");
            var value = ReadCellValue(xml, names, xml.GetAttribute("t"), sharedStrings);
            if (value is null) continue;
            while (cells.Count <= column) cells.Add(null);
            cells[column] = value;
            any = true;
        }
        return any;
    }

    /// <summary>The value of the cell the reader is on, by its type attribute; leaves the reader on the cell's end tag.</summary>
    private static object? ReadCellValue(XmlReader xml, Names names, string? type, List<string> sharedStrings)
    {
        var (raw, inline) = ReadText(xml, names);
        return type switch
        {
            "s" => raw is not null && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count
                ? sharedStrings[index]
                : throw new InvalidDataException($"Shared string {raw} does not exist."),
            "inlineStr" => inline.Length > 0 ? inline : null,
            "str" or "e" or "d" => raw,
            "b" => raw is null ? null : raw == "1",
            _ => raw is null ? null : double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : raw,
        };
    }

    /// <summary>
    /// Inside the element the reader is on (a cell or a shared string): the value element's text, and all text runs joined
    /// (phonetic runs left out). Leaves the reader on the element's end tag.
    /// </summary>
    private static (string? Value, string Text) ReadText(XmlReader xml, Names names)
    {
        var depth = xml.Depth;
        string? value = null;
        string text = "";
        System.Text.StringBuilder? runs = null;
        xml.Read();
        while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element)
            {
                var name = xml.LocalName;
                // These read or skip the whole element and leave the reader on what follows it.
                if ((object)name == names.Value) { value = xml.ReadElementContentAsString(); continue; }
                if ((object)name == names.Phonetic) { xml.Skip(); continue; }
                if ((object)name == names.Text)
                {
                    var run = xml.ReadElementContentAsString();
                    if (text.Length == 0 && runs is null) text = run;
                    else (runs ??= new System.Text.StringBuilder(text)).Append(run);
                    continue;
                }
            }
            xml.Read();
        }
        return (value, runs?.ToString() ?? text);
    }

    /// <summary>The zero-based column of a cell reference such as "AB12", or null without one.</summary>
    public static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') column = column * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') column = column * 26 + (c - 'a' + 1);
            else break;
            if (++letters > 3) throw new InvalidDataException($"Cell reference {reference} is not one.");
        }
        return letters == 0 ? null : column - 1;
    }

    private static void Guard(Action read)
    {
        try { read(); }
        catch (XmlException e) { throw new InvalidDataException(e.Message, e); }
    }

    /// <summary>Element names atomised in the reader's name table, so that comparing them is comparing references.</summary>
    private sealed record Names(string Row, string Cell, string Value, string Text, string Item, string Phonetic)
    {
        public static Names Of(XmlReader xml) => new(xml.NameTable.Add("row"), xml.NameTable.Add("c"), xml.NameTable.Add("v"),
            xml.NameTable.Add("t"), xml.NameTable.Add("si"), xml.NameTable.Add("rPh"));
    }
}
