using FluentMigrator.Runner.VersionTableInfo;

namespace RedSail.Migrations;

/// <summary>One version table per schema (<c>{schema}.version_info</c>); the provisioner creates the schema.</summary>
public sealed class SchemaVersionTable(string schema) : IVersionTableMetaData
{
    public bool OwnsSchema => false;
    public string SchemaName => schema;
    public string TableName => "version_info";
    public string ColumnName => "version";
    public string DescriptionColumnName => "description";
    public string UniqueIndexName => "uc_version";
    public string AppliedOnColumnName => "applied_on";
    public bool CreateWithPrimaryKey => false;
}
