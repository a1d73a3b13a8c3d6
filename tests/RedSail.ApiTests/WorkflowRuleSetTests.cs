using System.Net;
using NUnit.Framework;
using RedSail.Platform.Access;

namespace RedSail.ApiTests;

/// <summary>The Workflow rule set: the 2014 numbers in force, their names for the page, checked new versions, the committee alone adding them.</summary>
public sealed class WorkflowRuleSetTests : DemoInstituteTests
{
    [Test]
    public async Task The_2014_numbers_are_in_force_with_their_names()
    {
        var list = await Problems.JsonAsync(await Committee.GetAsync("/api/workflow/rule-sets"));
        var rules = list.GetProperty("versions")[0].GetProperty("rules");
        // The seeded version states its numbers in the database, not only through the defaults in code.
        Assert.That(await Host.ScalarAsync<string>("select rules->'dues'->'inService'->0->>'upTo' from workflow.rule_set where effective_from = date '2014-05-28'"),
            Is.EqualTo("3000"));
        Assert.Multiple(() =>
        {
            Assert.That(rules.GetProperty("meetings").GetProperty("quotas").GetProperty("committee_meeting").GetProperty("per").GetString(), Is.EqualTo("month"));
            Assert.That(rules.GetProperty("meetings").GetProperty("quotas").GetProperty("general_meeting").GetProperty("per").GetString(), Is.EqualTo("quarter"));
            Assert.That(rules.GetProperty("dues").GetProperty("inService")[0].GetProperty("upTo").GetDecimal(), Is.EqualTo(3000m));
            Assert.That(rules.GetProperty("dues").GetProperty("inService")[0].GetProperty("percent").GetDecimal(), Is.EqualTo(0.5m));
            Assert.That(rules.GetProperty("recruitment").GetProperty("talkWithinMonths").GetInt32(), Is.EqualTo(1));
            Assert.That(list.GetProperty("labels").GetProperty("meetings.committeeQuorumPercent").GetString(), Is.EqualTo("支委会到会比例（%）"));
            Assert.That(list.GetProperty("labels").GetProperty("dues").GetString(), Is.EqualTo("党费"));
            Assert.That(list.GetProperty("labels").EnumerateObject().Where(l => l.Value.GetString()!.StartsWith("field.") || l.Value.GetString()!.StartsWith("workflow."))
                .Select(l => l.Name), Is.Empty, "every section and value has a name");
        });
    }

    [Test]
    public async Task A_version_with_bands_out_of_order_or_a_quota_per_week_is_refused_and_nothing_is_added()
    {
        var before = await Host.ScalarAsync<long>("select count(*) from workflow.rule_set");
        var bad = await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/rule-sets", new
        {
            title = "错误", source = "测试", effectiveFrom = "2027-01-01",
            rules = new
            {
                meetings = new { quotas = new { committee_meeting = new { per = "week", count = 1 } } },
                dues = new { inService = new object[] { new { upTo = 5000, percent = 1 }, new { upTo = 3000, percent = 0.5 }, new { upTo = (decimal?)null, percent = 2 } } },
            },
        }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Multiple(async () =>
        {
            Assert.That(Problems.FieldError(bad, "rules.meetings.quotas.committee_meeting"), Does.Contain("周期须为月、季度或年"));
            Assert.That(Problems.FieldError(bad, "rules.dues.inService"), Does.Contain("在职党员党费档次").And.Contain("逐档递增"));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.rule_set"), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task The_committee_adds_a_version_and_a_branch_secretary_may_not()
    {
        var added = await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/rule-sets", new
        {
            title = "2026年细则（党课每季度）", source = "《中国共产党发展党员工作细则》（2026年修订）；党委会议纪要",
            effectiveFrom = "2031-01-01",
            rules = new { meetings = new { quotas = new { party_lecture = new { per = "quarter", count = 1 } } } },
        }), HttpStatusCode.Created);
        var list = await Problems.JsonAsync(await Committee.GetAsync("/api/workflow/rule-sets"));
        Assert.That(list.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()), Does.Contain(added.GetProperty("id").GetGuid()));
        Assert.That(list.GetProperty("inForceId").GetGuid(), Is.Not.EqualTo(added.GetProperty("id").GetGuid()), "not in force before its date");

        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, Branch));
        var refused = await secretary.PostAsync("/api/workflow/rule-sets", new { title = "x", source = "y", effectiveFrom = "2032-01-01", rules = new { } });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
