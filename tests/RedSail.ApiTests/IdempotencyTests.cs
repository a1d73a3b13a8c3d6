using System.Net;
using NUnit.Framework;
using RedSail.BuildingBlocks.Web;
using RedSail.Platform.Access;
using RedSail.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RedSail.ApiTests;

/// <summary>Idempotency-Key over HTTP (ADR 0018): a replay has one effect and the same answer; misuse is refused clearly.</summary>
public sealed class IdempotencyTests
{
    private TestHost _host = null!;
    private ApiClient _committee = null!;
    private Guid _branch;
    private int _people;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await Demo.StartAsync();
        _branch = await Demo.BranchAsync(_host, "RS-01");
        _committee = _host.Client();
        await _committee.SignInAsync(await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Demo.RootAsync(_host)));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _committee.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>A valid new person with a name of its own (the effect is counted by name).</summary>
    private (object Body, string Name) NewPerson()
    {
        var n = Interlocked.Increment(ref _people);
        var birth = new DateOnly(1985, 1, 1).AddDays(n);
        var name = $"幂等{n}号";
        return (PersonBodies.Person(_branch, IdNumbers.Valid(birth, male: true, region: "110106"), "full_member", birth, name: name), name);
    }

    private Task<long> CountAsync(string name) => _host.ScalarAsync<long>("select count(*) from personnel.person where name = @n", ("n", name));

    private Task<HttpResponseMessage> RecordAsync(ApiClient client, object body, string key) =>
        client.SendWithKeyAsync(HttpMethod.Post, "/api/personnel/people", body, key);

    private static bool Replayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues(IdempotencyMiddleware.ReplayedHeader, out var values) && values.Single() == "true";

    [Test]
    public async Task A_replay_has_one_effect_and_gets_the_identical_response()
    {
        var (body, name) = NewPerson();
        var key = Guid.NewGuid().ToString();

        var first = await RecordAsync(_committee, body, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        var second = await RecordAsync(_committee, body, key);
        var third = await RecordAsync(_committee, body, key);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), firstBody);
        Assert.That(Replayed(first), Is.False);
        foreach (var replay in new[] { second, third })
        {
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(Replayed(replay), Is.True);
            Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(firstBody));
            Assert.That(replay.Content.Headers.ContentType?.ToString(), Is.EqualTo(first.Content.Headers.ContentType?.ToString()));
            Assert.That(replay.Headers.Location, Is.EqualTo(first.Headers.Location));
        }
        Assert.That(await CountAsync(name), Is.EqualTo(1L));
        Assert.That(await _host.ScalarAsync<long>("select count(*) from platform.audit_log where action = 'personnel.people.record' and result = 'success' and target_id = @id",
            ("id", System.Text.Json.JsonDocument.Parse(firstBody).RootElement.GetProperty("id").GetGuid().ToString())), Is.EqualTo(1L), "the command ran once");
    }

    [Test]
    public async Task The_same_key_with_another_body_is_refused_in_the_callers_language()
    {
        var (body, name) = NewPerson();
        var (other, otherName) = NewPerson();
        var key = Guid.NewGuid().ToString();
        await Problems.JsonAsync(await RecordAsync(_committee, body, key), HttpStatusCode.Created);

        var refused = await Problems.ExpectAsync(await RecordAsync(_committee, other, key), HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("Idempotency-Key").And.Contain("新的键"));
        _committee.Language = "en";
        try
        {
            refused = await Problems.ExpectAsync(await RecordAsync(_committee, other, key),
                HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
            Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("different request"));
        }
        finally
        {
            _committee.Language = "zh-CN";
        }
        Assert.That(await CountAsync(name), Is.EqualTo(1L));
        Assert.That(await CountAsync(otherName), Is.Zero);
    }

    [Test]
    public async Task Concurrent_requests_with_one_key_have_one_effect_and_the_others_wait_their_turn_or_replay()
    {
        var (body, name) = NewPerson();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RecordAsync(_committee, body, key)));

        var statuses = responses.Select(r => (r.StatusCode, Replayed(r))).ToList();
        Assert.That(statuses.Count(s => s == (HttpStatusCode.Created, false)), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.All(s => s.StatusCode is HttpStatusCode.Created || s == (HttpStatusCode.Conflict, false)), string.Join(", ", statuses));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            await Problems.ExpectAsync(conflict, HttpStatusCode.Conflict, "idempotency_in_progress");
        Assert.That(await CountAsync(name), Is.EqualTo(1L));
        var later = await RecordAsync(_committee, body, key);
        Assert.That((later.StatusCode, Replayed(later)), Is.EqualTo((HttpStatusCode.Created, true)));
    }

    [Test]
    public async Task A_request_refused_before_any_commit_frees_its_key_for_the_corrected_request()
    {
        var (body, name) = NewPerson();
        var key = Guid.NewGuid().ToString();
        await Problems.ExpectAsync(await RecordAsync(_committee, PersonBodies.Person(_branch, "110106198501019999", "full_member",
            new DateOnly(1985, 1, 1), name: name), key), HttpStatusCode.BadRequest, "validation_failed");

        await Problems.JsonAsync(await RecordAsync(_committee, body, key), HttpStatusCode.Created);
        Assert.That(await CountAsync(name), Is.EqualTo(1L));
    }

    [Test]
    public async Task Keys_belong_to_their_caller_and_expire_after_a_day()
    {
        var (body, name) = NewPerson();
        var (other, otherName) = NewPerson();
        var key = Guid.NewGuid().ToString();
        using var colleague = _host.Client();
        await colleague.SignInAsync(await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Demo.RootAsync(_host)));
        await Problems.JsonAsync(await RecordAsync(_committee, body, key), HttpStatusCode.Created);

        var theirs = await RecordAsync(colleague, other, key);
        Assert.That((theirs.StatusCode, Replayed(theirs)), Is.EqualTo((HttpStatusCode.Created, false)), "another account's key of the same text");
        Assert.That(await _host.ScalarAsync<double>("select (extract(epoch from expires_at - created_at) / 3600)::float8 from platform.idempotency_key where key = @k limit 1",
            ("k", key)), Is.EqualTo(24.0));

        await _host.ExecuteAsync($"update platform.idempotency_key set expires_at = now() - interval '1 second' where key = '{key}'");
        var (third, thirdName) = NewPerson();
        await Problems.JsonAsync(await RecordAsync(_committee, third, key), HttpStatusCode.Created); // expired: a new request, not a 422
        await _host.ExecuteAsync($"update platform.idempotency_key set expires_at = now() - interval '1 second' where key = '{key}'");
        var pruned = await _host.Services.GetRequiredService<IdempotencyKeys>().PruneAsync(CancellationToken.None);
        Assert.That(pruned, Is.GreaterThanOrEqualTo(2));
        Assert.That(await _host.ScalarAsync<long>("select count(*) from platform.idempotency_key where key = @k", ("k", key)), Is.Zero);
        Assert.That(new[] { await CountAsync(name), await CountAsync(otherName), await CountAsync(thirdName) }, Is.EqualTo(new[] { 1L, 1L, 1L }));
    }

    [Test]
    public async Task A_malformed_key_is_refused_and_requests_without_a_key_are_unchanged()
    {
        var (body, name) = NewPerson();
        await Problems.ExpectAsync(await RecordAsync(_committee, body, new string('k', 256)), HttpStatusCode.BadRequest, "idempotency_key_invalid");
        var plain = await _committee.PostAsync("/api/personnel/people", body);
        Assert.That((plain.StatusCode, Replayed(plain)), Is.EqualTo((HttpStatusCode.Created, false)));
        Assert.That(await CountAsync(name), Is.EqualTo(1L));
    }
}
