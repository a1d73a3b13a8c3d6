using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using NUnit.Framework;
using RedSail.BuildingBlocks.Web;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.UnitTests;

/// <summary>The import's one-pass xlsx reader, on files as MiniExcel writes them and as Excel writes them (shared strings, rich text, sparse rows).</summary>
public sealed class XlsxReaderTests
{
    /// <summary>A minimal workbook whose first sheet (by the workbook's order, not its file name) is <paramref name="sheetXml"/>.</summary>
    private static byte[] Workbook(string sheetXml, string? sharedStringsXml = null)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
            const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
            Add("xl/workbook.xml", $"""<workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="人员" sheetId="2" r:id="rId7"/><sheet name="其他" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", $"""
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/>
                <Relationship Id="rId7" Type="{Relationships}/worksheet" Target="/xl/worksheets/people.xml"/>
                <Relationship Id="rId9" Type="{Relationships}/sharedStrings" Target="strings.xml"/>
                </Relationships>
                """);
            Add("xl/worksheets/sheet1.xml", $"""<worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>""");
            Add("xl/worksheets/people.xml", sheetXml);
            if (sharedStringsXml is not null) Add("xl/strings.xml", sharedStringsXml);
        }
        return stream.ToArray();
    }

    [Test]
    public void Reads_the_first_sheet_with_shared_and_rich_strings_numbers_booleans_and_sparse_cells()
    {
        var file = Workbook("""
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
              <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row>
              <x:row r="3"><x:c r="A3" t="s"><x:v>2</x:v></x:c><x:c r="B3"><x:v>32874</x:v></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c>
                <x:c r="AB3" t="inlineStr"><x:is><x:r><x:t>甲</x:t></x:r><x:r><x:t xml:space="preserve"> 乙</x:t></x:r></x:is></x:c></x:row>
              <x:row r="4"><x:c r="A4" s="1"/></x:row>
              <x:row r="5"><x:c r="A5" t="str"><x:f>A3</x:f><x:v>张&amp;三</x:v></x:c></x:row>
            </x:sheetData></x:worksheet>
            """, """
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
              <si><t>姓名</t></si>
              <si><r><t>出生</t></r><r><t>日期</t></r><rPh sb="0" eb="1"><t>しゅっせい</t></rPh></si>
              <si><t>李四</t></si>
            </sst>
            """);

        var rows = XlsxReader.ReadFirstSheet(file).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.Number), Is.EqualTo(new[] { 1, 3, 5 }), "Excel's row numbers; a row without values is left out");
            Assert.That(rows[0].Cells, Is.EqualTo(new object?[] { "姓名", null, "出生日期" }));
            Assert.That(rows[1].Cells[0], Is.EqualTo("李四"));
            Assert.That(rows[1].Cells[1], Is.EqualTo(32874d));
            Assert.That(rows[1].Cells[2], Is.EqualTo(true));
            Assert.That(rows[1].Cells, Has.Length.EqualTo(28));
            Assert.That(rows[1].Cells[27], Is.EqualTo("甲 乙"));
            Assert.That(rows[2].Cells, Is.EqualTo(new object?[] { "张&三" }));
        });
    }

    [Test]
    public void A_file_that_is_not_spreadsheet_xml_is_invalid_data()
    {
        var broken = Workbook("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData></worksheet>");
        var doctype = Workbook("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><worksheet><sheetData><row><c><v>&e;</v></c></row></sheetData></worksheet>");

        Assert.Multiple(() =>
        {
            Assert.That(() => XlsxReader.ReadFirstSheet(broken).ToList(), Throws.InstanceOf<InvalidDataException>());
            Assert.That(() => XlsxReader.ReadFirstSheet(doctype).ToList(), Throws.InstanceOf<InvalidDataException>(), "no DTDs, so no external entities");
        });
    }

    [Test]
    public void The_people_sheet_reads_a_file_written_by_miniexcel_with_codes_names_and_dates()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new Dictionary<string, object?> { ["姓名"] = " 王五 ", ["性别"] = "女", ["民族"] = 1, ["出生日期"] = new DateTime(1990, 5, 17), ["身份证号"] = "110105199005170028",
                ["籍贯"] = null, ["手机号"] = 13800138000, ["工号"] = null, ["部门"] = null, ["学历"] = "21", ["党籍状态"] = "正式党员",
                ["申请入党日期"] = "2012-3-1", ["确定积极分子日期"] = null, ["确定发展对象日期"] = null, ["入党日期"] = "2014年6月20日", ["转正日期"] = "不是日期" },
        }, sheetName: PeopleSheet.DataSheet, excelType: ExcelType.XLSX);

        using var sheet = PeopleSheet.Open(stream.ToArray());
        var row = sheet.Parse(sheet.Rows.Single());

        Assert.Multiple(() =>
        {
            Assert.That(sheet.MissingHeaders, Is.Empty);
            Assert.That(row.RowNumber, Is.EqualTo(2));
            Assert.That((row.Basics.Name, row.Basics.Gender, row.Basics.Ethnicity, row.Basics.Phone), Is.EqualTo(("王五", "2", "01", "13800138000")));
            Assert.That(row.Basics.BirthDate, Is.EqualTo(new DateOnly(1990, 5, 17)));
            Assert.That((row.PartyStatus, row.Dates.AppliedOn, row.Dates.JoinedOn), Is.EqualTo(("full_member", new DateOnly(2012, 3, 1), new DateOnly(2014, 6, 20))));
            Assert.That(row.CellErrors.Select(e => (e.Field, e.MessageKey)), Is.EqualTo(new[] { ("convertedOn", "import.date_invalid") }));
        });
    }

    [Test]
    public void The_people_sheet_names_the_headers_it_misses()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object?> { ["姓名"] = "王五", ["性别"] = "女" } }, excelType: ExcelType.XLSX);
        using var sheet = PeopleSheet.Open(stream.ToArray());
        Assert.That(sheet.MissingHeaders, Does.Contain("身份证号").And.Not.Contain("姓名").And.Count.EqualTo(PeopleSheet.Columns.Length - 2));
    }
}
