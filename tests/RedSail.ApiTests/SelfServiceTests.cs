using System.Net;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>The member's self-service: their own record, proposals, and the branch's approval.</summary>
public sealed class SelfServiceTests : DemoInstituteTests
{
    private static readonly DateOnly Birth = new(1992, 2, 2);

    /// <summary>A person with an employee number, and a signed-in member account linked to them.</summary>
    private async Task<(Guid Person, ApiClient Member)> MemberAsync(Guid organization)
    {
        var employeeNumber = "S" + Guid.NewGuid().ToString("N")[..8];
        var body = PersonBodies.Person(organization, IdNumbers.Valid(Birth, false), "full_member", Birth, gender: "2", name: "陈晓红");
        var json = JsonSerializer.SerializeToNode(body, ApiClient.Json)!;
        json["basics"]!["employeeNumber"] = employeeNumber;
        var created = await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/people", json), HttpStatusCode.Created);
        var member = Host.Client();
        await member.SignInAsync(await Host.CreateUserAsync(RoleCatalog.Member, await Demo.RootAsync(Host), employeeNumber));
        return (created.GetProperty("id").GetGuid(), member);
    }

    [Test]
    public async Task A_member_sees_their_own_record_and_nobody_elses()
    {
        var (person, member) = await MemberAsync(Branch);
        using var _ = member;
        var mine = await Problems.JsonAsync(await member.GetAsync("/api/personnel/me/record"));

        Assert.Multiple(async () =>
        {
            Assert.That(mine.GetProperty("person").GetProperty("id").GetGuid(), Is.EqualTo(person));
            Assert.That(mine.GetProperty("person").GetProperty("phone").GetString(), Is.EqualTo("13800138000"), "their own phone, in full");
            Assert.That((await member.GetAsync($"/api/personnel/people/{person}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden),
                "a member has no access to the register itself");
            Assert.That((await member.GetAsync("/api/personnel/change-proposals")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task A_proposal_changes_nothing_until_theBranch_approves_it()
    {
        var (person, member) = await MemberAsync(Branch);
        using var _ = member;
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, Branch));

        await Problems.JsonAsync(await member.PostAsync("/api/personnel/me/proposals",
            new { phone = "13912345678", traits = new { specialty = "档案管理", health = "良好" }, note = "换了手机号" }), HttpStatusCode.Created);
        var second = await Problems.ExpectAsync(await member.PostAsync("/api/personnel/me/proposals", new { phone = "13900000000" }),
            HttpStatusCode.UnprocessableEntity, "proposal_pending");
        var unchanged = await Problems.JsonAsync(await member.GetAsync("/api/personnel/me/record"));

        var pending = await Problems.JsonAsync(await secretary.GetAsync("/api/personnel/change-proposals"));
        var proposal = pending.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("personId").GetGuid() == person);
        await Problems.JsonAsync(await secretary.PostAsync($"/api/personnel/change-proposals/{proposal.GetProperty("id").GetGuid()}/decision",
            new { version = proposal.GetProperty("version").GetInt64(), approve = true }));
        var changed = await Problems.JsonAsync(await member.GetAsync("/api/personnel/me/record"));

        Assert.Multiple(() =>
        {
            Assert.That(second.GetProperty("detail").GetString(), Does.Contain("待审核"));
            Assert.That(unchanged.GetProperty("person").GetProperty("phone").GetString(), Is.EqualTo("13800138000"));
            Assert.That(proposal.GetProperty("traits").GetProperty("specialty").GetString(), Is.EqualTo("档案管理"));
            Assert.That(proposal.GetProperty("sensitiveFields").EnumerateArray().Select(f => f.GetString()), Is.EquivalentTo(new[] { "health", "phone" }));
            Assert.That(proposal.GetRawText(), Does.Not.Contain("13912345678").And.Not.Contain("良好"), "sensitive values are not shown to the approver");
            Assert.That(changed.GetProperty("person").GetProperty("phone").GetString(), Is.EqualTo("13912345678"));
            Assert.That(changed.GetProperty("traits").GetProperty("values").GetProperty("health").GetString(), Is.EqualTo("良好"));
            Assert.That(changed.GetProperty("proposals")[0].GetProperty("status").GetString(), Is.EqualTo("approved"));
        });
    }

    [Test]
    public async Task A_returned_proposal_needs_a_reason_and_anotherBranch_cannot_decide_it()
    {
        var (_, member) = await MemberAsync(Branch);
        using var __ = member;
        using var otherSecretary = Host.Client();
        await otherSecretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, await Demo.BranchAsync(Host, "RS-02")));
        var created = await Problems.JsonAsync(await member.PostAsync("/api/personnel/me/proposals", new { traits = new { hobbies = "摄影" } }),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        await Problems.ExpectAsync(await otherSecretary.PostAsync($"/api/personnel/change-proposals/{id}/decision", new { version = 1, approve = false, reason = "x" }),
            HttpStatusCode.NotFound, "not_found");
        var noReason = await Problems.ExpectAsync(await Committee.PostAsync($"/api/personnel/change-proposals/{id}/decision", new { version = 1, approve = false }),
            HttpStatusCode.BadRequest, "validation_failed");
        await Problems.JsonAsync(await Committee.PostAsync($"/api/personnel/change-proposals/{id}/decision", new { version = 1, approve = false, reason = "请写明具体爱好" }));
        var mine = await Problems.JsonAsync(await member.GetAsync("/api/personnel/me/record"));

        Assert.Multiple(() =>
        {
            Assert.That(noReason.GetProperty("errors").TryGetProperty("reason", out _), Is.True);
            Assert.That(mine.GetProperty("proposals")[0].GetProperty("status").GetString(), Is.EqualTo("rejected"));
            Assert.That(mine.GetProperty("proposals")[0].GetProperty("decisionReason").GetString(), Is.EqualTo("请写明具体爱好"));
            Assert.That(mine.GetProperty("traits").ValueKind, Is.EqualTo(JsonValueKind.Null), "nothing was written");
        });
    }
}
