namespace RedSail.Testing;

/// <summary>
/// Archived documents arranged by SQL for tests of what is built on them (volumes, the portal), independent of the
/// documents' own commands: a document with metadata, and files whose text was extracted.
/// </summary>
public static class ArchiveDocuments
{
    /// <summary>Adds a document of <paramref name="organizationId"/> at a security level, with a file holding each of <paramref name="fileTexts"/>.</summary>
    public static async Task<Guid> AddAsync(TestHost host, string title, int securityLevel, Guid organizationId, string? summary = null,
        DateOnly? issuedOn = null, string? docNumber = null, params string[] fileTexts)
    {
        var category = await host.ScalarAsync<Guid>("""
            with added as (insert into archives.category (id, name) values (gen_random_uuid(), '测试文件') on conflict do nothing returning id)
            select id from added union all select id from archives.category where parent_id is null and name = '测试文件' limit 1
            """);
        var id = Guid.CreateVersion7();
        await host.ScalarAsync<object>("""
            insert into archives.document (id, title, doc_number, issued_on, issuing_body, category_id, security_level, organization_id, summary)
            values (@id, @title, @number, @issued, '中共红帆研究院委员会', @category, @level, @organization, @summary)
            """, ("id", id), ("title", title), ("number", (object?)docNumber ?? DBNull.Value), ("issued", issuedOn ?? new DateOnly(2021, 3, 1)),
            ("category", category), ("level", (short)securityLevel), ("organization", organizationId), ("summary", (object?)summary ?? DBNull.Value));
        for (var i = 0; i < fileTexts.Length; i++) await AddFileAsync(host, id, $"附件{i + 1}.pdf", 1, fileTexts[i]);
        return id;
    }

    /// <summary>Adds a version of a document's file with its extracted text.</summary>
    public static Task AddFileAsync(TestHost host, Guid documentId, string fileName, int version, string text) => host.ScalarAsync<object>("""
        with blob as (insert into archives.blob (sha256, size, content_type) values (md5(random()::text) || md5(random()::text), 1, 'application/pdf') returning sha256)
        insert into archives.document_file (id, document_id, file_name, file_version, sha256, extraction_status, extracted_text)
        select gen_random_uuid(), @document, @name, @version, blob.sha256, 'done', @text from blob
        """, ("document", documentId), ("name", fileName), ("version", version), ("text", text));

    /// <summary>The organisation at the root of the institute's tree, as Archives' copy holds it.</summary>
    public static Task<Guid> RootAsync(TestHost host) => host.ScalarAsync<Guid>("select id from archives.organization where parent_id is null");
}
