namespace RedSail.Migrations;

/// <summary>Tables of the read models several modules keep in their own schema (see BuildingBlocks/ReadModels).</summary>
internal static class ReadModelTables
{
    /// <summary>The module's copy of Personnel's organisation tree, kept by <c>OrganizationTreeCopy</c>.</summary>
    public static string OrganizationTree(string schema) => $"""
        create table {schema}.organization (
            id uuid primary key,
            parent_id uuid,
            name text not null,
            type text not null,
            path ltree not null,
            -- active | merged | dissolved
            status text not null default 'active');
        create index ix_{schema}_organization_path on {schema}.organization using gist (path);
        create index ix_{schema}_organization_parent on {schema}.organization (parent_id);
        """;
}
