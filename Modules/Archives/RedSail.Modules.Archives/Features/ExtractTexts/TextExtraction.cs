using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace RedSail.Modules.Archives.Features.ExtractTexts;

/// <summary>
/// The searchable text of a stored file: a PDF's pages (PdfPig, in reading order), a Word document's paragraphs and a
/// workbook's cells (Open XML SDK), a picture's caption. NUL characters are dropped (PostgreSQL text cannot hold them).
/// </summary>
internal static class TextExtraction
{
    public static string Extract(string contentType, byte[] content, string? caption)
    {
        var text = contentType switch
        {
            DocumentTypes.Pdf => Pdf(content),
            DocumentTypes.Docx => Docx(content),
            DocumentTypes.Xlsx => Xlsx(content),
            _ => caption ?? "",
        };
        return text.Replace("\0", "").Trim();
    }

    private static string Pdf(byte[] content)
    {
        using var pdf = PdfDocument.Open(content);
        var text = new StringBuilder();
        foreach (var page in pdf.GetPages()) text.AppendLine(ContentOrderTextExtractor.GetText(page));
        return text.ToString();
    }

    private static string Docx(byte[] content)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(content, writable: false), false);
        var body = document.MainDocumentPart?.Document?.Body;
        return body is null ? "" : string.Join('\n', body.Descendants<Word.Paragraph>().Select(p => p.InnerText));
    }

    private static string Xlsx(byte[] content)
    {
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), false);
        var part = workbook.WorkbookPart;
        if (part is null) return "";
        var shared = part.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        var text = new StringBuilder();
        foreach (var sheet in part.WorksheetParts)
        foreach (var row in sheet.Worksheet.Descendants<Row>())
        {
            var cells = row.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.SharedString && int.TryParse(c.CellValue?.Text, out var i) && i < shared.Length
                ? shared[i]
                : c.DataType?.Value == CellValues.InlineString ? c.InlineString?.InnerText : c.CellValue?.Text);
            text.AppendLine(string.Join('\t', cells.Where(c => !string.IsNullOrEmpty(c))));
        }
        return text.ToString();
    }
}
