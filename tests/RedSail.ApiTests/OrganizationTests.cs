using System.Net;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// The organisation tree over HTTP (issue 3): create, rename, move, merge, dissolve and history, with the type rules,
/// optimistic concurrency, the caller's scope, and the platform's copy of the tree kept right by events.
/// </summary>
public sealed class OrganizationTests
{
    private const string Api = "/api/personnel/organizations";
    private const string Past = "2024-07-01";

    private TestHost _host = null!;
    private ApiClient _committee = null!;
    private Guid _root;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await Demo.StartAsync();
        _root = await Demo.RootAsync(_host);
        _committee = _host.Client();
        await _committee.SignInAsync(await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _committee.Dispose();
        await _host.DisposeAsync();
    }

    private Task<Guid> IdAsync(string code) => Demo.BranchAsync(_host, code);

    private Task<string?> PathAsync(Guid id) =>
        _host.ScalarAsync<string>("select path::text from personnel.organization where id = @id", ("id", id));

    private Task<bool> PlatformHoldsAsync(string condition, Guid id) =>
        Eventually.HoldsAsync(async () => await _host.ScalarAsync<bool>($"select exists (select 1 from platform.organization where id = @id and {condition})", ("id", id)));

    private async Task<long> VersionAsync(Guid id) =>
        (await Problems.JsonAsync(await _committee.GetAsync($"{Api}/{id}"))).GetProperty("version").GetInt64();

    private async Task<Guid> CreateAsync(string code, string type, Guid parentId, string? name = null)
    {
        var created = await Problems.JsonAsync(await _committee.PostAsync(Api, new { code, name = name ?? code + " 测试组织", type, parentId, foundedOn = Past }),
            HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    private static string UniqueCode(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<JsonElement> ChangeAsync(ApiClient client, Guid id, string verb, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await Problems.JsonAsync(await client.PostAsync($"{Api}/{id}/{verb}", body), expected);

    private static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await Problems.ExpectAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        return problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
    }

    [Test]
    public async Task A_party_group_is_created_under_a_branch_and_reaches_the_platform_copy()
    {
        var branch = await IdAsync("RS-01");
        var response = await _committee.PostAsync(Api, new { code = "RS-01-3", name = "第三党小组", type = "party_group", parentId = branch, unit = "机关一处", foundedOn = Past });
        var created = await Problems.JsonAsync(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var expectedPath = $"{await PathAsync(branch)}.{id:N}";

        var detail = await Problems.JsonAsync(await _committee.GetAsync($"{Api}/{id}"));
        var reached = await PlatformHoldsAsync($"parent_id = '{branch}' and path::text = '{expectedPath}' and name = '第三党小组' and status = 'active'", id);

        Assert.Multiple(async () =>
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"{Api}/{id}"));
            Assert.That(created.GetProperty("version").GetInt64(), Is.EqualTo(1));
            Assert.That(created.TryGetProperty("auditTarget", out _), Is.False, "the audit detail stays on the server");
            Assert.That(await PathAsync(id), Is.EqualTo(expectedPath));
            Assert.That((detail.GetProperty("parentName").GetString(), detail.GetProperty("unit").GetString(), detail.GetProperty("foundedOn").GetString()),
                Is.EqualTo(("机关第一党支部", "机关一处", Past)));
            Assert.That(reached, Is.True, "OrganizationCreated reached the platform's copy");
        });
    }

    // Overrides of a valid body (code, name, type, parentId by code, unit, foundedOn), the field in error and its message.
    [TestCase("code=", "code", "组织代码不能为空。")]
    [TestCase("code=RS 01!", "code", "组织代码须为 1–32 个字符，只能包含英文字母、数字和连字符。")]
    [TestCase("code=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "code", "组织代码须为 1–32 个字符，只能包含英文字母、数字和连字符。")]
    [TestCase("code=RS-01", "code", "组织代码“RS-01”已被使用。")]
    [TestCase("name=", "name", "组织名称不能为空。")]
    [TestCase("name=*101", "name", "组织名称不能超过 100 个字符。")]
    [TestCase("name=第一\n党小组", "name", "组织名称不能含有控制字符。")]
    [TestCase("type=club", "type", "组织类型“club”不是已知的组织类型。")]
    [TestCase("type=", "type", "组织类型不能为空。")]
    [TestCase("parentId=", "parentId", "上级组织不能为空。")]
    [TestCase("unit=*101", "unit", "所在单位不能超过 100 个字符。")]
    [TestCase("foundedOn=+1", "foundedOn", "成立日期不能晚于今天。")]
    [TestCase("parentId=@RS", "parentId", "上级组织不符合组织设置规则：党小组不能设在基层党委之下。")]
    [TestCase("type=branch;parentId=@RS-02", "parentId", "上级组织不符合组织设置规则：党支部不能设在党支部之下。")]
    [TestCase("type=branch;parentId=@RS-GH", "parentId", "上级组织不符合组织设置规则：党支部不能设在工会之下。")]
    [TestCase("type=women_workers;parentId=@RS-TW", "parentId", "上级组织不符合组织设置规则：女职工委员会不能设在团委之下。")]
    [TestCase("type=youth_league_branch;parentId=@RS-GH", "parentId", "上级组织不符合组织设置规则：团支部不能设在工会之下。")]
    public async Task Creating_refuses_each_invalid_field_with_a_Chinese_message(string overrides, string field, string expected)
    {
        var body = new Dictionary<string, object?>
        {
            ["code"] = UniqueCode("V"), ["name"] = "校验用党小组", ["type"] = "party_group", ["parentId"] = await IdAsync("RS-02"),
            ["unit"] = null, ["foundedOn"] = Past,
        };
        foreach (var pair in overrides.Split(';'))
        {
            var (key, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            body[key] = value switch
            {
                "" => key == "parentId" ? null : "",
                ['@', .. var code] => await IdAsync(code),
                ['*', .. var length] => new string('党', int.Parse(length)),
                ['+', .. var days] => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(int.Parse(days) + 1).ToString("yyyy-MM-dd"),
                _ => value,
            };
        }

        var response = await _committee.PostAsync(Api, body);

        Assert.That(await FieldErrorAsync(response, field), Is.EqualTo(expected));
        Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.organization where code = @c", ("c", body["code"] ?? "")),
            Is.EqualTo(body["code"] as string == "RS-01" ? 1 : 0), "nothing was created");
    }

    [Test]
    public async Task A_valid_body_like_the_refused_ones_is_accepted_and_messages_follow_the_language()
    {
        var parentId = await IdAsync("RS-02");
        var valid = await _committee.PostAsync(Api, new { code = UniqueCode("V"), name = "校验用党小组", type = "party_group", parentId, foundedOn = Past });
        using var english = _host.Client();
        english.Language = "en";
        await english.SignInAsync(await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
        var refused = await english.PostAsync(Api, new { code = "", name = "x", type = "party_group", parentId });

        Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.Created), await valid.Content.ReadAsStringAsync());
        Assert.That(await FieldErrorAsync(refused, "code"), Is.EqualTo("Organisation code is required."));
    }

    [TestCase("name", "机关第十四党支部", "name", "新名称与当前名称相同。")]
    [TestCase("name", "", "name", "组织名称不能为空。")]
    [TestCase("effectiveOn", null, "effectiveOn", "生效日期不能为空。")]
    [TestCase("effectiveOn", "+1", "effectiveOn", "生效日期不能晚于今天。")]
    [TestCase("reason", "", "reason", "原因不能为空。")]
    [TestCase("reason", "*501", "reason", "原因不能超过 500 个字符。")]
    [TestCase("version", null, "version", "版本号不能为空。")]
    public async Task Renaming_refuses_each_invalid_field_with_a_Chinese_message(string key, string? value, string field, string expected)
    {
        var id = await IdAsync("RS-14");
        await _committee.PostAsync($"{Api}/{id}/rename", new { name = "机关第十四党支部", effectiveOn = Past, reason = "准备", version = await VersionAsync(id) });
        var body = new Dictionary<string, object?> { ["name"] = "另一个名称", ["effectiveOn"] = Past, ["reason"] = "机构调整", ["version"] = await VersionAsync(id) };
        body[key] = value switch
        {
            ['*', .. var length] => new string('因', int.Parse(length)),
            ['+', .. var days] => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(int.Parse(days) + 1).ToString("yyyy-MM-dd"),
            _ => value,
        };

        Assert.That(await FieldErrorAsync(await _committee.PostAsync($"{Api}/{id}/rename", body), field), Is.EqualTo(expected));
        Assert.That(await _host.ScalarAsync<string>("select name from personnel.organization where id = @id", ("id", id)), Is.EqualTo("机关第十四党支部"));
    }

    [Test]
    public async Task A_stale_rename_gets_409_with_the_current_version_and_the_fresh_one_wins()
    {
        var id = await IdAsync("RS-12");
        var read = await VersionAsync(id);

        var first = await ChangeAsync(_committee, id, "rename", new { name = "国际合作处第一党支部", effectiveOn = Past, reason = "处室更名", version = read });
        var stale = await _committee.PostAsync($"{Api}/{id}/rename", new { name = "过时的名称", effectiveOn = Past, reason = "基于旧版本", version = read });
        var conflict = await Problems.ExpectAsync(stale, HttpStatusCode.Conflict, "concurrency_conflict");
        var fresh = await ChangeAsync(_committee, id, "rename", new { name = "国际合作与交流处党支部", effectiveOn = Past, reason = "再次更名",
            version = conflict.GetProperty("currentVersion").GetInt64() });
        var reached = await PlatformHoldsAsync("name = '国际合作与交流处党支部'", id);

        Assert.Multiple(async () =>
        {
            Assert.That(first.GetProperty("version").GetInt64(), Is.EqualTo(read + 1));
            Assert.That(conflict.GetProperty("currentVersion").GetInt64(), Is.EqualTo(read + 1));
            Assert.That(fresh.GetProperty("version").GetInt64(), Is.EqualTo(read + 2));
            Assert.That(await _host.ScalarAsync<string>("select name from personnel.organization where id = @id", ("id", id)), Is.EqualTo("国际合作与交流处党支部"));
            Assert.That(reached, Is.True, "the platform's copy carries the new name");
        });
    }

    [Test]
    public async Task A_branch_moves_with_its_groups_and_every_path_of_the_subtree_is_rewritten()
    {
        var generalBranch = await CreateAsync(UniqueCode("ZZ"), "general_branch", _root, "科研第一党总支");
        var branch = await IdAsync("RS-04");
        var groups = new[] { await IdAsync("RS-04-1"), await IdAsync("RS-04-2") };
        var oldPath = await PathAsync(branch);

        var moved = await ChangeAsync(_committee, branch, "move", new { parentId = generalBranch, effectiveOn = Past, reason = "成立党总支",
            version = await VersionAsync(branch) });

        var branchPath = $"{await PathAsync(generalBranch)}.{branch:N}";
        var reached = await PlatformHoldsAsync($"path::text = '{branchPath}.{groups[1]:N}'", groups[1]);
        Assert.Multiple(async () =>
        {
            Assert.That(await PathAsync(branch), Is.EqualTo(branchPath));
            Assert.That(await PathAsync(groups[0]), Is.EqualTo($"{branchPath}.{groups[0]:N}"));
            Assert.That(await PathAsync(groups[1]), Is.EqualTo($"{branchPath}.{groups[1]:N}"));
            Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.organization where path <@ @p::ltree", ("p", oldPath!)), Is.Zero,
                "nothing is left at the old place");
            Assert.That(await _host.ScalarAsync<Guid>("select parent_id from personnel.organization where id = @id", ("id", branch)), Is.EqualTo(generalBranch));
            Assert.That(moved.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(reached, Is.True, "the platform's copy rewrote the subtree too");
            Assert.That(await _host.ScalarAsync<Guid>("select parent_id from platform.organization where id = @id", ("id", branch)), Is.EqualTo(generalBranch));
        });
    }

    [Test]
    public async Task Moving_under_itself_its_own_descendant_the_same_parent_or_a_wrong_kind_of_parent_is_refused()
    {
        var branch = await IdAsync("RS-05");
        var group = await IdAsync("RS-05-1");
        var path = await PathAsync(branch);
        async Task<HttpResponseMessage> Move(Guid id, Guid parentId) =>
            await _committee.PostAsync($"{Api}/{id}/move", new { parentId, effectiveOn = Past, reason = "测试", version = await VersionAsync(id) });

        Assert.Multiple(async () =>
        {
            Assert.That(await FieldErrorAsync(await Move(branch, group), "parentId"), Is.EqualTo("不能把组织调整到它自身或其下级组织之下。"));
            Assert.That(await FieldErrorAsync(await Move(branch, branch), "parentId"), Is.EqualTo("不能把组织调整到它自身或其下级组织之下。"));
            Assert.That(await FieldErrorAsync(await Move(branch, _root), "parentId"), Is.EqualTo("该组织已在所选上级组织之下。"));
            Assert.That(await FieldErrorAsync(await Move(group, await IdAsync("RS-GH")), "parentId"),
                Is.EqualTo("上级组织不符合组织设置规则：党小组不能设在工会之下。"));
            Assert.That(await PathAsync(branch), Is.EqualTo(path), "nothing moved");
        });
    }

    [Test]
    public async Task Merging_moves_children_and_people_to_the_target_and_closes_the_source()
    {
        var (source, target) = (await IdAsync("RS-06"), await IdAsync("RS-07"));
        var groups = new[] { await IdAsync("RS-06-1"), await IdAsync("RS-06-2") };
        var people = await _host.ScalarAsync<long>("select count(*) from personnel.person where organization_id = any(@ids)", ("ids", new[] { source, target }));
        Assert.That(people, Is.GreaterThan(await _host.ScalarAsync<long>("select count(*) from personnel.person where organization_id = @id", ("id", target))));

        var merged = await ChangeAsync(_committee, source, "merge", new { targetId = target, effectiveOn = Past, reason = "两所合并", version = await VersionAsync(source) });

        var targetPath = await PathAsync(target);
        var visible = (await Problems.JsonAsync(await _committee.GetAsync(Api))).EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
        var all = (await Problems.JsonAsync(await _committee.GetAsync(Api + "?includeClosed=true"))).EnumerateArray()
            .ToDictionary(o => o.GetProperty("id").GetGuid(), o => o.GetProperty("status").GetString());
        var reached = await PlatformHoldsAsync("status = 'merged'", source)
                      && await PlatformHoldsAsync($"parent_id = '{target}' and path::text = '{targetPath}.{groups[0]:N}'", groups[0]);
        Assert.Multiple(async () =>
        {
            Assert.That(merged.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(await PathAsync(groups[0]), Is.EqualTo($"{targetPath}.{groups[0]:N}"));
            Assert.That(await PathAsync(groups[1]), Is.EqualTo($"{targetPath}.{groups[1]:N}"));
            Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.person where organization_id = @id", ("id", target)), Is.EqualTo(people));
            Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.person where organization_id = @id", ("id", source)), Is.Zero);
            Assert.That(await _host.ScalarAsync<string>("select status || ' ' || merged_into || ' ' || dissolved_on from personnel.organization where id = @id",
                ("id", source)), Is.EqualTo($"merged {target} {Past}"));
            Assert.That(visible, Does.Not.Contain(source).And.Contain(target), "the list hides closed organisations by default");
            Assert.That(all[source], Is.EqualTo("merged"), "includeClosed shows them");
            Assert.That(reached, Is.True, "the platform's copy shows the merge and the children under the target");
        });
    }

    [Test]
    public async Task Merging_into_another_kind_of_organisation_is_refused()
    {
        var group = await IdAsync("RS-08-1");
        var response = await _committee.PostAsync($"{Api}/{group}/merge", new { targetId = await IdAsync("RS-08"), effectiveOn = Past, reason = "测试", version = await VersionAsync(group) });
        var itself = await _committee.PostAsync($"{Api}/{group}/merge", new { targetId = group, effectiveOn = Past, reason = "测试", version = await VersionAsync(group) });

        Assert.That(await FieldErrorAsync(response, "targetId"), Is.EqualTo("只能并入同类组织：党小组不能并入党支部。"));
        Assert.That(await FieldErrorAsync(itself, "targetId"), Is.EqualTo("不能把组织并入它自身。"));
    }

    [Test]
    public async Task Dissolving_is_refused_while_children_or_people_remain_and_allowed_when_empty()
    {
        var full = await IdAsync("RS-09");
        var people = await _host.ScalarAsync<long>("select count(*) from personnel.person where organization_id = @id", ("id", full));
        var branch = await CreateAsync(UniqueCode("DX"), "branch", _root);
        var group = await CreateAsync(UniqueCode("DX"), "party_group", branch);
        object Body(long version) => new { effectiveOn = Past, reason = "机构撤销", version };

        var refusedFull = await Problems.ExpectAsync(await _committee.PostAsync($"{Api}/{full}/dissolve", Body(await VersionAsync(full))),
            HttpStatusCode.UnprocessableEntity, "organization.not_empty");
        await Problems.ExpectAsync(await _committee.PostAsync($"{Api}/{branch}/dissolve", Body(1)), HttpStatusCode.UnprocessableEntity, "organization.not_empty");
        await ChangeAsync(_committee, group, "dissolve", Body(1));
        var dissolved = await ChangeAsync(_committee, branch, "dissolve", Body(1));
        var again = await Problems.ExpectAsync(await _committee.PostAsync($"{Api}/{branch}/rename", new { name = "复活", effectiveOn = Past, reason = "测试", version = 2 }),
            HttpStatusCode.UnprocessableEntity, "organization.closed");

        using var security = _host.Client();
        await security.SignInAsync(await _host.CreateUserAsync(RoleCatalog.SecurityAdmin));
        var reached = await PlatformHoldsAsync("status = 'dissolved'", branch);
        var grantable = (await Problems.JsonAsync(await security.GetAsync("/api/platform/organizations"))).EnumerateArray().Select(o => o.GetProperty("id").GetGuid());
        Assert.Multiple(async () =>
        {
            Assert.That(refusedFull.GetProperty("detail").GetString(), Is.EqualTo($"该组织下还有 2 个在册下级组织和 {people} 名人员，请先转出或撤销后再撤销本组织。"));
            Assert.That(dissolved.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(await _host.ScalarAsync<string>("select status || ' ' || dissolved_on from personnel.organization where id = @id", ("id", branch)),
                Is.EqualTo($"dissolved {Past}"));
            Assert.That(again.GetProperty("detail").GetString(), Is.EqualTo("该组织已合并或已撤销，不能再变更。"));
            Assert.That(reached, Is.True, "the platform's copy shows the dissolution");
            Assert.That(grantable, Does.Not.Contain(branch).And.Contain(full), "grant pickers offer active organisations only");
        });
    }

    [Test]
    public async Task History_lists_every_change_newest_first_with_its_reason()
    {
        var code = UniqueCode("LS");
        var branch = await CreateAsync(code, "branch", _root, "沿革测试党支部");
        var generalBranch = await CreateAsync(UniqueCode("ZZ"), "general_branch", _root, "沿革测试党总支");
        await ChangeAsync(_committee, branch, "rename", new { name = "沿革测试第一党支部", effectiveOn = "2024-08-01", reason = "按新编号更名", version = 1 });
        await ChangeAsync(_committee, branch, "move", new { parentId = generalBranch, effectiveOn = "2024-09-01", reason = "划入党总支", version = 2 });
        await ChangeAsync(_committee, branch, "dissolve", new { effectiveOn = "2024-10-01", reason = "人员调离后撤销", version = 3 });

        var history = (await Problems.JsonAsync(await _committee.GetAsync($"{Api}/{branch}/history"))).EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(history.Select(h => h.GetProperty("changeType").GetString()), Is.EqualTo(new[] { "dissolved", "moved", "renamed", "created" }));
            Assert.That(history.Select(h => h.GetProperty("reason").ValueKind == JsonValueKind.Null ? null : h.GetProperty("reason").GetString()),
                Is.EqualTo(new[] { "人员调离后撤销", "划入党总支", "按新编号更名", null }));
            Assert.That(history.Select(h => h.GetProperty("effectiveOn").GetString()), Is.EqualTo(new[] { "2024-10-01", "2024-09-01", "2024-08-01", Past }));
            Assert.That(history[2].GetProperty("before").GetProperty("name").GetString(), Is.EqualTo("沿革测试党支部"));
            Assert.That(history[2].GetProperty("after").GetProperty("name").GetString(), Is.EqualTo("沿革测试第一党支部"));
            Assert.That(history[1].GetProperty("after").GetProperty("parentName").GetString(), Is.EqualTo("沿革测试党总支"));
            Assert.That(history[3].GetProperty("after").GetProperty("code").GetString(), Is.EqualTo(code));
            Assert.That(history.Select(h => h.GetProperty("recordedBy").ValueKind), Is.All.EqualTo(JsonValueKind.String), "who recorded each change");
        });
    }

    [Test]
    public async Task A_branch_secretary_cannot_reach_another_branch_and_each_refusal_is_audited()
    {
        var (own, other) = (await IdAsync("RS-10"), await IdAsync("RS-11"));
        var (ownGroup, otherGroup) = (await IdAsync("RS-10-1"), await IdAsync("RS-11-1"));
        var secretary = await _host.CreateUserAsync(RoleCatalog.BranchSecretary, own);
        using var client = _host.Client();
        await client.SignInAsync(secretary);
        var change = new { effectiveOn = Past, reason = "越权尝试", version = 1 };

        var refusals = new (string Action, HttpResponseMessage Response)[]
        {
            ("personnel.organizations.get", await client.GetAsync($"{Api}/{other}")),
            ("personnel.organizations.history", await client.GetAsync($"{Api}/{other}/history")),
            ("personnel.organizations.rename", await client.PostAsync($"{Api}/{other}/rename", new { name = "改名", change.effectiveOn, change.reason, change.version })),
            ("personnel.organizations.move", await client.PostAsync($"{Api}/{otherGroup}/move", new { parentId = own, change.effectiveOn, change.reason, change.version })),
            ("personnel.organizations.dissolve", await client.PostAsync($"{Api}/{otherGroup}/dissolve", change)),
            ("personnel.organizations.merge", await client.PostAsync($"{Api}/{ownGroup}/merge", new { targetId = otherGroup, change.effectiveOn, change.reason, change.version })),
            ("personnel.organizations.create", await client.PostAsync(Api, new { code = UniqueCode("X"), name = "越权小组", type = "party_group", parentId = other })),
        };

        foreach (var (_, response) in refusals) await Problems.ExpectAsync(response, HttpStatusCode.NotFound, "not_found");
        Assert.That((await client.GetAsync($"{Api}/{own}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "their own branch is there");
        foreach (var (action, _) in refusals)
            Assert.That(await _host.ScalarAsync<long>("select count(*) from platform.audit_log where user_name = @u and action = @a and result = 'denied'",
                ("u", secretary.UserName), ("a", action)), Is.EqualTo(1L), action);
        Assert.That(await _host.ScalarAsync<string>("select target_id from platform.audit_log where user_name = @u and action = 'personnel.organizations.rename'",
            ("u", secretary.UserName)), Is.EqualTo(other.ToString()), "the audit names the organisation tried");
        Assert.That(await _host.ScalarAsync<string>("select name from personnel.organization where id = @id", ("id", other)), Is.EqualTo("遥感应用所党支部"));
    }

    [Test]
    public async Task A_secretary_sees_their_branch_and_its_groups_each_with_its_own_members_and_people()
    {
        var branch = await IdAsync("RS-13");
        await Problems.JsonAsync(await _committee.PostAsync("/api/personnel/people", PersonBodies.Person(branch,
            IdNumbers.Valid(new DateOnly(1996, 3, 4), true), "applicant", new DateOnly(1996, 3, 4), dates: new { appliedOn = "2024-03-01" })),
            HttpStatusCode.Created);
        using var client = _host.Client();
        await client.SignInAsync(await _host.CreateUserAsync(RoleCatalog.BranchSecretary, branch));

        var tree = (await Problems.JsonAsync(await client.GetAsync(Api))).EnumerateArray()
            .Select(o => $"{o.GetProperty("id").GetGuid()}:{o.GetProperty("memberCount").GetInt64()}:{o.GetProperty("peopleCount").GetInt64()}");
        var expected = await _host.ScalarAsync<string>("""
            select string_agg(o.id || ':' || (select count(*) from personnel.person p where p.organization_id = o.id
                                                  and p.party_status in ('full_member', 'probationary'))
                                   || ':' || (select count(*) from personnel.person p where p.organization_id = o.id), ',' order by nlevel(o.path), o.code)
            from personnel.organization o
            where o.status = 'active' and o.path <@ (select path from personnel.organization where id = @b)
            """, ("b", branch));

        Assert.That(string.Join(",", tree), Is.EqualTo(expected));
        Assert.That(tree.Count(), Is.EqualTo(3), "the branch and its two groups");
        Assert.That(tree.First(), Does.StartWith($"{branch}:").And.Not.EndWith(":0:0"), "its people, members and one applicant");
    }

    [Test]
    public async Task Only_a_global_scope_changes_the_root()
    {
        var version = await VersionAsync(_root);
        var response = await _committee.PostAsync($"{Api}/{_root}/rename", new { name = "改名的党委", effectiveOn = Past, reason = "测试", version });

        await Problems.ExpectAsync(response, HttpStatusCode.NotFound, "not_found");
        Assert.That(await _host.ScalarAsync<string>("select name from personnel.organization where id = @id", ("id", _root)), Is.EqualTo("红帆研究院党委"));
    }
}
