using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using RedSail.BuildingBlocks.Access;
using RedSail.Host.Startup;
using RedSail.Platform.Access;
using RedSail.Platform.Features.Users;

namespace RedSail.Testing;

/// <summary>
/// The real RedSail host (same composition root as production), listening on a free loopback port with
/// real HTTP, against one test database. Settings and extra services can be added per fixture.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly DatabaseBootstrap _database;
    private int _users;

    private TestHost(WebApplication app, DatabaseBootstrap database, string databaseName)
    {
        App = app;
        _database = database;
        DatabaseName = databaseName;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1"));
    }

    public WebApplication App { get; }
    public IServiceProvider Services => App.Services;
    public Uri BaseAddress { get; }
    public string DatabaseName { get; }
    public string OwnerConnectionString => TestCluster.Server.ConnectionString(DatabaseName);

    public static async Task<TestHost> StartAsync(string database, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        await TestCluster.StartAsync();
        var repository = Repository.Root;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Path.Combine(repository, "Host", "RedSail.Host"),
            WebRootPath = Path.Combine(repository, "Host", "RedSail.Host", "wwwroot"),
            EnvironmentName = "Test",
        });
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:RedSail"] = TestCluster.Server.ConnectionString(database),
            ["RedSail:KeyRingPath"] = TestCluster.KeyRingPath,
            ["Urls"] = "http://127.0.0.1:0",
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Outbox:FirstRetryDelay"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
            // the archive's file store: a folder per test database, never the working directory
            ["Archives:FileStore:Path"] = FileStorePath(database),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        builder.Configuration.AddInMemoryCollection(values);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        services?.Invoke(builder.Services);

        var bootstrap = await DatabaseBootstrap.PrepareAsync(builder.Configuration, NullLoggerFor());
        var app = RedSailApp.Build(builder, bootstrap);
        await app.StartAsync();
        return new TestHost(app, bootstrap, database);
    }

    /// <summary>A fresh database and a host on it.</summary>
    public static async Task<TestHost> StartFreshAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        await StartAsync(await TestCluster.CreateDatabaseAsync(), settings, services);

    public ApiClient Client() => new(BaseAddress);

    /// <summary>Runs a command or query in its own scope as the system (what a CLI verb or a job does).</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request, Principal? principal = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.Principal = principal ?? Principal.System;
        context.SourceAddress = "test";
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>A new account holding one role (administrators get a TOTP secret), with a policy-compliant password; linked to the
    /// person with <paramref name="employeeNumber"/> if given.</summary>
    public async Task<TestUser> CreateUserAsync(string role, Guid? organizationId = null, string? employeeNumber = null)
    {
        var userName = $"{role.Replace('_', '-')}-{Interlocked.Increment(ref _users)}-{Guid.NewGuid().ToString("N")[..6]}";
        var password = DemoSetup.GeneratePassword();
        var created = await SendAsync(new CreateAdministrator(userName, "测试用户" + _users, password, role, organizationId, employeeNumber));
        return new TestUser(created.Id, userName, password, created.TotpSecret);
    }

    /// <summary>Runs SQL as the database owner (to arrange or inspect state directly).</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public Task ExecuteAsync(string sql) => ScalarAsync<object>(sql);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(FileStorePath(DatabaseName))) Directory.Delete(FileStorePath(DatabaseName), recursive: true);
    }

    /// <summary>The archive's file store of a test database: a temporary folder of its own, removed with the host.</summary>
    private static string FileStorePath(string database) => Path.Combine(Path.GetTempPath(), "redsail-test-files", database);

    private static ILogger NullLoggerFor() => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public static IReadOnlyList<string> AdministratorRoles => [RoleCatalog.SystemAdmin, RoleCatalog.SecurityAdmin, RoleCatalog.AuditAdmin];
}
