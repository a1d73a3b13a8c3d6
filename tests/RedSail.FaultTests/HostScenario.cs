using System.Net;
using System.Text.Json;
using Npgsql;
using NUnit.Framework;
using RedSail.Testing;

namespace RedSail.FaultTests;

/// <summary>A trial's check that did not hold; the scenario records it and goes on with the next trial.</summary>
public sealed class TrialFailedException(string message) : Exception(message);

/// <summary>
/// One scenario: its own copy of the seeded database, the host as a child process on it, a committee administrator's client,
/// and the loop that runs the trials, records each failure and fails the test at the end if any trial failed.
/// </summary>
public abstract class HostScenario
{
    protected HostProcess Host { get; private set; } = null!;
    protected ApiClient Client { get; private set; } = null!;
    protected string Database { get; private set; } = "";
    protected Guid Branch { get; private set; }
    protected static int Trials => FaultReport.TrialsPerScenario;
    private int _people;

    /// <summary>Whether the host of the first start delivers events.</summary>
    protected virtual bool StartWithOutbox => true;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        Database = await FaultRun.CloneSeededAsync();
        Host = new HostProcess(Database);
        await Host.StartAsync(StartWithOutbox);
        Client = Host.Client();
        await Client.SignInAsync(FaultRun.Committee);
        Branch = await ScalarAsync<Guid>("select id from personnel.organization where code = 'RS-01'");
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        Client?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }

    protected static void Require(bool condition, string message)
    {
        if (!condition) throw new TrialFailedException(message);
    }

    /// <summary>Runs <see cref="Trials"/> trials; a failed one is recorded (with its trial number) and the next one runs.</summary>
    protected async Task RunTrialsAsync(ScenarioReport report, Func<int, Task> trial)
    {
        for (var i = 1; i <= Trials; i++)
        {
            report.Trials++;
            try
            {
                await trial(i);
            }
            catch (Exception e)
            {
                report.Failures.Add($"trial {i}: {(e is TrialFailedException ? e.Message : e.ToString())}");
            }
        }
        report.Finish(Host.Starts, Host.StartTime);
        Assert.That(report.Failures, Is.Empty, $"{report.Name}: {report.Failures.Count} of {report.Trials} trials failed");
        Assert.That(report.Lost, Is.Zero, $"{report.Name}: lost {report.Lost}");
    }

    /// <summary>A valid new full member of the branch whose name is unique in this scenario (effects are counted by name).</summary>
    protected (object Body, string Name) NewPerson(string prefix)
    {
        var n = Interlocked.Increment(ref _people);
        var birth = new DateOnly(1970, 1, 1).AddDays(n % 9000);
        var name = $"{prefix}{n}号";
        return (PersonBodies.Person(Branch, IdNumbers.Compose("990401", birth, 1 + 2 * (n / 9000 % 500)), "full_member", birth, name: name), name);
    }

    protected Task<long> PeopleNamedAsync(string name) => ScalarAsync<long>("select count(*) from personnel.person where name = @n", ("n", name));

    protected async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestCluster.Server.ConnectionString(Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default! : (T)result;
    }

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Require(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        return string.IsNullOrEmpty(body) ? default : JsonDocument.Parse(body).RootElement;
    }
}
