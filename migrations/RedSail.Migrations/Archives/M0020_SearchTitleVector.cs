using FluentMigrator;

namespace RedSail.Migrations.Archives;

[Migration(20, "archives: the title and number's own search vector, so that a common query ranks title hits without reading every text")]
public sealed class M0020_SearchTitleVector : Migration
{
    // search_vector holds everything (up to ~900 KB a document); title_vector only the title and the document number (weight A),
    // a few hundred bytes. A query matching thousands of documents finds its title hits here and reads a bounded number of the
    // big vectors (Features/SearchDocuments, docs/adr/0016-chinese-search.md). Both are kept by SearchIndex; `reindex` fills them.
    public override void Up() => Execute.Sql("""
        alter table archives.document add column title_vector tsvector;
        create index ix_archives_document_title_search on archives.document using gin (title_vector);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
