using System.Net;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// Issue 5's "a query that appears only in an attached PDF": the words are in the PDF's text, nowhere in the document's
/// metadata, and full-text search finds the document. Needs the search slice (<c>GET /api/archives/search</c>).
/// </summary>
public sealed class ArchivesPdfOnlySearchTests
{
    private TestHost _host = null!;
    private ApiClient _committee = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await Demo.StartAsync();
        _committee = _host.Client();
        await _committee.SignInAsync(await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Demo.RootAsync(_host)));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _committee.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task A_phrase_found_only_in_an_attached_PDF_finds_its_document()
    {
        var branch = await Demo.BranchAsync(_host, "RS-03");
        var document = await ArchivesDocumentsTests.RecordAsync(_committee, ArchivesDocumentsTests.Fields("支部活动扫描件", branch));
        await Problems.JsonAsync(await ArchivesDocumentsTests.UploadAsync(_committee, document, "扫描件.pdf",
            ArchiveFiles.ChinesePdf("一九五六年翠微山麓植树造林纪实")), HttpStatusCode.Created);
        var extracted = await Eventually.HoldsAsync(async () => await _host.ScalarAsync<string>(
            "select extraction_status from archives.document_file where document_id = @d", ("d", document)) == "done");

        var found = await Problems.JsonAsync(await _committee.GetAsync($"/api/archives/search?q={Uri.EscapeDataString("翠微山麓")}"));
        var ids = found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("documentId").GetGuid()).ToList();

        Assert.That(extracted, Is.True, "the PDF's text was extracted");
        Assert.Multiple(() =>
        {
            Assert.That(ids, Does.Contain(document), "the phrase is only in the PDF");
            Assert.That(found.GetProperty("total").GetInt64(), Is.GreaterThanOrEqualTo(1));
        });
    }
}
