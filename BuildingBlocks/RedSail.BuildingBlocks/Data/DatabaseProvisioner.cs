using Dapper;
using Npgsql;
using RedSail.BuildingBlocks.Security;

namespace RedSail.BuildingBlocks.Data;

/// <summary>
/// Prepares a database for RedSail, idempotently, as the owner: the database itself, the extensions,
/// one schema and one login role per module (the role may use its own schema and nothing else), then
/// the migrations, then grants on what the migrations created. Append-only tables lose UPDATE and DELETE.
/// </summary>
public sealed class DatabaseProvisioner(DatabaseOptions options, KeyRing keys)
{
    public static readonly string[] AppendOnlyTables = ["platform.audit_log", "personnel.organization_history", "personnel.person_change"];

    public async Task ProvisionAsync(IReadOnlyCollection<string> schemas, Func<string, string, Task> migrate, CancellationToken ct = default)
    {
        await CreateDatabaseIfMissingAsync(ct);
        await using var connection = new NpgsqlConnection(options.OwnerConnectionString);
        await connection.OpenAsync(ct);
        var database = connection.Database;
        await connection.ExecuteAsync("create extension if not exists ltree; create extension if not exists pg_trgm;");
        foreach (var schema in schemas)
        {
            var role = options.RoleFor(schema);
            var password = keys.DatabaseRolePassword(role).Replace("'", "''");
            await connection.ExecuteAsync($"""
                do $$ begin
                  if not exists (select from pg_roles where rolname = '{role}') then create role {role} login; end if;
                end $$;
                alter role {role} with login nosuperuser nocreatedb nocreaterole password '{password}';
                grant connect on database "{database}" to {role};
                create schema if not exists {schema};
                revoke all on schema {schema} from public;
                grant usage on schema {schema} to {role};
                alter default privileges in schema {schema} grant select, insert, update, delete on tables to {role};
                alter default privileges in schema {schema} grant usage, select on sequences to {role};
                """);
        }
        foreach (var schema in schemas)
            await migrate(options.OwnerConnectionString, schema);
        foreach (var schema in schemas)
        {
            var role = options.RoleFor(schema);
            await connection.ExecuteAsync($"""
                grant select, insert, update, delete on all tables in schema {schema} to {role};
                grant usage, select on all sequences in schema {schema} to {role};
                """);
        }
        foreach (var table in AppendOnlyTables)
        {
            var schema = table.Split('.')[0];
            if (schemas.Contains(schema))
                await connection.ExecuteAsync($"revoke update, delete, truncate on {table} from {options.RoleFor(schema)}");
        }
    }

    private async Task CreateDatabaseIfMissingAsync(CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(options.OwnerConnectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(options.OwnerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (PostgresException)
        {
            return; // no access to the maintenance database: the target database must already exist
        }
        var exists = await connection.ExecuteScalarAsync<bool>("select exists (select from pg_database where datname = @name)", new { name = target.Database });
        if (!exists)
            await connection.ExecuteAsync($"create database \"{target.Database!.Replace("\"", "\"\"")}\" encoding 'UTF8' template template0");
    }
}
