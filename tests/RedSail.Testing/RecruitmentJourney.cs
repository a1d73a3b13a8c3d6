using System.Net;
using System.Text.Json;

namespace RedSail.Testing;

/// <summary>
/// A recruitment file (发展党员) driven over HTTP from the application to the archive, each step as early as the 2014 rules allow:
/// an applicant recorded in Personnel, the file opened in Workflow, the steps completed with valid details and materials.
/// </summary>
public static class RecruitmentJourney
{
    /// <summary>The steps' dates from the application: half a year to the activist, a year to the candidate, a year of probation.</summary>
    public static IReadOnlyDictionary<int, DateOnly> Dates(DateOnly applied)
    {
        var d = new Dictionary<int, DateOnly> { [1] = applied, [2] = applied.AddDays(10), [3] = applied.AddMonths(6) };
        d[4] = d[3].AddDays(5); d[5] = d[3].AddDays(10); d[6] = d[3].AddMonths(11); d[7] = d[3].AddMonths(12);
        for (var s = 8; s <= 12; s++) d[s] = d[7].AddDays((s - 7) * 10);
        d[13] = d[12].AddDays(20); d[14] = d[13].AddDays(5); d[15] = d[14].AddDays(5);
        var vote = d[15];
        d[16] = vote.AddDays(10); d[17] = vote.AddDays(30); d[18] = vote.AddDays(35); d[19] = vote.AddDays(40); d[20] = vote.AddDays(45);
        d[21] = vote.AddMonths(11); d[22] = vote.AddMonths(12); d[23] = d[22].AddDays(5); d[24] = d[22].AddDays(10); d[25] = d[22].AddDays(20);
        return d;
    }

    /// <summary>Records an applicant in Personnel and waits until Workflow's roster has them.</summary>
    public static async Task<Guid> RecordApplicantAsync(TestHost host, ApiClient client, Guid branch, DateOnly applied, DateOnly birth, string name)
    {
        var response = await client.PostAsync("/api/personnel/people", new
        {
            organizationId = branch,
            basics = new
            {
                name, gender = "2", ethnicity = "01", birthDate = birth, idNumber = IdNumbers.Valid(birth, male: false), nativePlace = "北京市海淀区",
                phone = "13900139000", employeeNumber = (string?)null, department = "规划研究所", education = "21",
            },
            partyStatus = "applicant",
            partyDates = new { appliedOn = applied },
        });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"Recording the applicant failed: {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        await Eventually.HoldsAsync(async () => await host.ScalarAsync<bool>("select exists (select 1 from workflow.person where id = @id)", ("id", id)));
        return id;
    }

    /// <summary>Full members on the branch's roster, for contacts and introducers.</summary>
    public static async Task<Guid[]> MembersAsync(TestHost host, Guid branch) =>
    [
        await host.ScalarAsync<Guid>("select id from workflow.person where organization_id = @b and party_status = 'full_member' order by id limit 1", ("b", branch)),
        await host.ScalarAsync<Guid>("select id from workflow.person where organization_id = @b and party_status = 'full_member' order by id offset 1 limit 1", ("b", branch)),
    ];

    /// <summary>The valid body of a step: every material filed, the details it needs.</summary>
    public static object Body(int step, DateOnly on, long version, IEnumerable<string> materials, Guid[] members, string outcome = "on_time",
        int? extensionMonths = null) => new
    {
        version, completedOn = on, actor = "王书记", opinion = $"第{step}步意见", materials = materials.ToArray(),
        details = step switch
        {
            5 => (object)new { contacts = members },
            9 => new { introducers = members },
            10 => new { reviewPassed = true },
            11 => new { trainingHours = 24 },
            13 => new { noticeFrom = on.AddDays(-15), noticeTo = on.AddDays(-3) },
            15 => new { votingMembers = 10, present = 9, inFavour = 8 },
            23 => new { outcome, extensionMonths },
            _ => new { },
        },
    };

    /// <summary>The file as the API shows it.</summary>
    public static async Task<JsonElement> FileAsync(ApiClient client, Guid fileId) =>
        JsonDocument.Parse(await (await client.GetAsync($"/api/workflow/recruitment/files/{fileId}")).Content.ReadAsStringAsync()).RootElement;

    /// <summary>Completes one step with its valid body (materials from the file's timeline); the response is returned as is.</summary>
    public static async Task<HttpResponseMessage> CompleteAsync(ApiClient client, Guid fileId, int step, DateOnly on, Guid[] members,
        string outcome = "on_time", int? extensionMonths = null)
    {
        var file = await FileAsync(client, fileId);
        var materials = file.GetProperty("steps")[step - 1].GetProperty("materials").EnumerateArray().Select(m => m.GetProperty("code").GetString()!);
        return await client.PostAsync($"/api/workflow/recruitment/files/{fileId}/steps/{step}",
            Body(step, on, file.GetProperty("version").GetInt64(), materials, members, outcome, extensionMonths));
    }

    /// <summary>Opens the file; returns its id.</summary>
    public static async Task<Guid> OpenAsync(ApiClient client, Guid personId, DateOnly applied)
    {
        var response = await client.PostAsync("/api/workflow/recruitment/files", new { personId, appliedOn = applied });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"Opening the file failed: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Completes steps <paramref name="from"/> … <paramref name="to"/> on their journey dates; throws on the first refusal.</summary>
    public static async Task CompleteThroughAsync(ApiClient client, Guid fileId, int from, int to, IReadOnlyDictionary<int, DateOnly> dates, Guid[] members)
    {
        for (var step = from; step <= to; step++)
        {
            var response = await CompleteAsync(client, fileId, step, dates[step], members);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"Step {step} on {dates[step]:yyyy-MM-dd} refused: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
