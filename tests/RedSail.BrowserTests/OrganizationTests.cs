using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>
/// The committee administrator keeps the organisation tree of the demo institute (组织管理): renaming with its
/// history, moving a branch by drag and drop or by 移动到…, a stale edit, and a refused dissolution.
/// </summary>
[DemoInstitute]
public sealed partial class OrganizationTests : BrowserFixture
{
    private const string Api = "/api/personnel/organizations";

    private Guid _root;

    [OneTimeSetUp]
    public async Task SeedInstitute() => _root = await SeedDemoInstituteAsync();

    [Test, CancelAfter(TestTimeout)]
    public async Task A_renamed_organisation_shows_its_new_name_and_a_history_entry(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var name = UniqueName("党支部");
        var newName = UniqueName("党支部");
        var id = await CreateAsync(committee, name, "branch", _root);
        var page = await OpenPageAsync(committee);

        await SelectAsync(page, name);
        await page.ById("org-action-rename").ClickAsync();
        await Expect(page.Locator(".el-dialog:visible")).ToContainTextAsync($"重命名：{name}");
        await Expect(page.ById("org-rename-name")).ToHaveValueAsync(name);
        await Expect(page.ById("org-rename-effectiveOn").Locator("input")).ToHaveValueAsync(Today());

        // The reason is required: nothing is sent without it.
        await page.ById("org-rename-name").FillAsync(newName);
        await page.ById("org-rename-submit").ClickAsync();
        await Expect(page.FieldError("org-rename-reason")).ToHaveTextAsync("请填写原因");

        await page.ById("org-rename-reason").FillAsync("机构改革，按党委批复更名");
        var renamed = await page.RunAndWaitForResponseAsync(() => page.ById("org-rename-submit").ClickAsync(),
            r => r.Url.EndsWith($"{Api}/{id}/rename", StringComparison.Ordinal));
        Assert.That(renamed.Status, Is.EqualTo(200), await renamed.TextAsync());
        await Expect(page.Locator(".el-dialog:visible")).ToHaveCountAsync(0);

        await Expect(page.ById("org-detail-name")).ToHaveTextAsync(newName);
        await Expect(page.ById("org-basics-name")).ToHaveTextAsync(newName);
        await Expect(Tree(page).GetByText(newName, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Tree(page).GetByText(name, new() { Exact = true })).ToHaveCountAsync(0);
        Assert.That(await Host.ScalarAsync<string>("select name from personnel.organization where id = @id", ("id", id)), Is.EqualTo(newName));

        await page.ById("org-tab-history").ClickAsync();
        var entries = page.ById("org-history").Locator(".el-timeline-item");
        await Expect(entries).ToHaveCountAsync(2);
        await Expect(entries.First).ToContainTextAsync("更名");
        await Expect(entries.First).ToContainTextAsync($"名称由“{name}”改为“{newName}”");
        await Expect(entries.First).ToContainTextAsync("机构改革，按党委批复更名");
        await Expect(entries.First).ToContainTextAsync(Today());
        await Expect(entries.First).ToContainTextAsync("测试用户");
        await Expect(entries.Last).ToContainTextAsync("新建");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_branch_dragged_onto_a_general_branch_moves_there_only_once_confirmed(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var generalBranch = UniqueName("党总支");
        var branch = UniqueName("党支部");
        var generalBranchId = await CreateAsync(committee, generalBranch, "general_branch", _root);
        var branchId = await CreateAsync(committee, branch, "branch", _root);
        var group = UniqueName("党小组");
        await CreateAsync(committee, group, "party_group", branchId);
        var page = await OpenPageAsync(committee);
        var tree = Tree(page);

        // A drop opens the confirmation; cancelling it puts the branch back where it was, and nothing is sent.
        await NodeContent(page, branch).DragToAsync(NodeContent(page, generalBranch));
        var dialog = page.Locator(".el-dialog:visible");
        await Expect(dialog).ToContainTextAsync($"调整隶属关系：{branch}");
        await Expect(page.ById("org-move-summary")).ToHaveTextAsync($"将“{branch}”（连同其全部下级组织）调整到“{generalBranch}”之下。");
        await Expect(Below(page, generalBranch)).ToContainTextAsync(branch); // where it would go, shown while asking
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(NodesBelow(page, generalBranch)).ToHaveCountAsync(0);
        await Expect(NodeContent(page, branch)).ToBeVisibleAsync();
        Assert.That(await ParentAsync(branchId), Is.EqualTo(_root), "a cancelled drop moves nothing");

        // Dropped again and confirmed with a reason: the branch, with its party group, is under the general branch.
        await NodeContent(page, branch).DragToAsync(NodeContent(page, generalBranch));
        await Expect(page.ById("org-move-summary")).ToContainTextAsync(generalBranch);
        await page.ById("org-move-reason").FillAsync("按党委决定，划归新设党总支管理");
        var moved = await page.RunAndWaitForResponseAsync(() => page.ById("org-move-submit").ClickAsync(),
            r => r.Url.EndsWith($"{Api}/{branchId}/move", StringComparison.Ordinal));
        Assert.That(moved.Status, Is.EqualTo(200), await moved.TextAsync());
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Below(page, generalBranch)).ToContainTextAsync(branch);
        await Expect(Below(page, generalBranch)).ToContainTextAsync(group);
        Assert.That(await ParentAsync(branchId), Is.EqualTo(generalBranchId));

        // A party group cannot go under the committee: the tree does not take that drop.
        await NodeContent(page, group).DragToAsync(NodeContent(page, "红帆研究院党委"));
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Below(page, branch)).ToContainTextAsync(group);

        // The same move without a mouse: 移动到… with the parent picked from a tree select.
        await SelectAsync(page, branch);
        await Expect(page.ById("org-basics-parent")).ToHaveTextAsync(generalBranch);
        await page.ById("org-action-move").ClickAsync();
        await Expect(page.ById("org-move-summary")).ToContainTextAsync("请选择");
        await page.ChooseAsync("org-move-parent", "红帆研究院党委");
        await Expect(page.ById("org-move-summary")).ToContainTextAsync("调整到“红帆研究院党委”之下");
        await page.ById("org-move-reason").FillAsync("党总支撤并，改由党委直接管理");
        await page.RunAndWaitForResponseAsync(() => page.ById("org-move-submit").ClickAsync(),
            r => r.Url.EndsWith($"{Api}/{branchId}/move", StringComparison.Ordinal) && r.Status == 200);
        await Expect(page.ById("org-basics-parent")).ToHaveTextAsync("红帆研究院党委");
        await Expect(NodesBelow(page, generalBranch)).ToHaveCountAsync(0);
        Assert.That(await ParentAsync(branchId), Is.EqualTo(_root));

        await page.ById("org-tab-history").ClickAsync();
        var entries = page.ById("org-history").Locator(".el-timeline-item");
        await Expect(entries).ToHaveCountAsync(3);
        await Expect(entries.First).ToContainTextAsync($"上级组织由“{generalBranch}”调整为“红帆研究院党委”");
        await Expect(entries.Nth(1)).ToContainTextAsync($"上级组织由“红帆研究院党委”调整为“{generalBranch}”");
        await Expect(entries.Nth(1)).ToContainTextAsync("按党委决定，划归新设党总支管理");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_drop_the_server_refuses_puts_the_branch_back_and_says_why(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var generalBranch = UniqueName("党总支");
        var branch = UniqueName("党支部");
        var generalBranchId = await CreateAsync(committee, generalBranch, "general_branch", _root);
        var branchId = await CreateAsync(committee, branch, "branch", _root);
        var page = await OpenPageAsync(committee);

        // The page still shows the general branch, which another administrator has just dissolved.
        using (var api = Host.Client())
        {
            await api.SignInAsync(committee);
            await ApiClient.EnsureAsync(await api.PostAsync($"{Api}/{generalBranchId}/dissolve",
                new { effectiveOn = Today(), reason = "党总支撤销", version = 1 }), HttpStatusCode.OK);
        }

        await DragOntoAsync(page, branch, generalBranch);
        await Expect(Below(page, generalBranch)).ToContainTextAsync(branch);
        await page.ById("org-move-reason").FillAsync("划归党总支");
        var refused = await page.RunAndWaitForResponseAsync(() => page.ById("org-move-submit").ClickAsync(),
            r => r.Url.EndsWith($"{Api}/{branchId}/move", StringComparison.Ordinal));
        Assert.That(refused.Status, Is.EqualTo(400));
        await Expect(page.FieldError("org-move-parent")).ToHaveTextAsync("上级组织已合并或已撤销。");
        await Expect(NodesBelow(page, generalBranch)).ToHaveCountAsync(0);
        await Expect(page.Locator(".el-dialog:visible")).ToHaveCountAsync(1);
        Assert.That(await ParentAsync(branchId), Is.EqualTo(_root));
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_stale_edit_says_someone_else_changed_it_reloads_and_goes_through_when_sent_again(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var name = UniqueName("党支部");
        var theirName = UniqueName("党支部");
        var myName = UniqueName("党支部");
        var id = await CreateAsync(committee, name, "branch", _root);
        var page = await OpenPageAsync(committee);

        await SelectAsync(page, name);
        await page.ById("org-action-rename").ClickAsync();
        await page.ById("org-rename-name").FillAsync(myName);
        await page.ById("org-rename-reason").FillAsync("支部换届后更名");

        // Meanwhile another administrator renames it (version 1 → 2).
        var other = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        using (var api = Host.Client())
        {
            await api.SignInAsync(other);
            await ApiClient.EnsureAsync(await api.PostAsync($"{Api}/{id}/rename",
                new { name = theirName, effectiveOn = Today(), reason = "另一位管理员的更名", version = 1 }), HttpStatusCode.OK);
        }

        var stale = await page.RunAndWaitForResponseAsync(() => page.ById("org-rename-submit").ClickAsync(),
            r => r.Url.EndsWith($"{Api}/{id}/rename", StringComparison.Ordinal));
        Assert.That(stale.Status, Is.EqualTo(409));
        await Expect(page.ById("form-dialog-error")).ToContainTextAsync("已被他人修改，已刷新");
        await Expect(page.ById("org-detail-name")).ToHaveTextAsync(theirName); // the page shows the latest version
        await Expect(page.ById("org-rename-name")).ToHaveValueAsync(myName);    // what was typed stays

        var sent = await page.RunAndWaitForResponseAsync(() => page.ById("org-rename-submit").ClickAsync(),
            r => r.Url.EndsWith($"{Api}/{id}/rename", StringComparison.Ordinal));
        Assert.That(sent.Status, Is.EqualTo(200), await sent.TextAsync());
        Assert.That((await sent.JsonAsync())?.GetProperty("version").GetInt64(), Is.EqualTo(3));
        await Expect(page.Locator(".el-dialog:visible")).ToHaveCountAsync(0);
        await Expect(page.ById("org-detail-name")).ToHaveTextAsync(myName);

        await page.ById("org-tab-history").ClickAsync();
        var entries = page.ById("org-history").Locator(".el-timeline-item");
        await Expect(entries.First).ToContainTextAsync($"名称由“{theirName}”改为“{myName}”");
        await Expect(entries.Nth(1)).ToContainTextAsync($"名称由“{name}”改为“{theirName}”");
        await Expect(entries.Nth(1)).ToContainTextAsync("其他用户");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task Dissolving_a_branch_that_still_has_people_shows_the_servers_refusal(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var page = await OpenPageAsync(committee);

        await SelectAsync(page, "信息中心党支部");
        await page.ById("org-action-dissolve").ClickAsync();
        await Expect(page.ById("org-dissolve-not-empty")).ToContainTextAsync("须先转出或撤销");
        await page.ById("org-dissolve-reason").FillAsync("试图撤销仍有党员的支部");
        var refused = await page.RunAndWaitForResponseAsync(() => page.ById("org-dissolve-submit").ClickAsync(),
            r => r.Url.EndsWith("/dissolve", StringComparison.Ordinal));
        Assert.That(refused.Status, Is.EqualTo(422));
        await Expect(page.ById("form-dialog-error")).ToContainTextAsync("该组织下还有 2 个在册下级组织");
        Assert.That(await Host.ScalarAsync<string>("select status from personnel.organization where name = '信息中心党支部'"), Is.EqualTo("active"));
    }

    private async Task<IPage> OpenPageAsync(TestUser user)
    {
        var page = await NewPageAsync();
        await Ui.SignInAsync(page, user);
        await Ui.OpenAsync(page, "organizations", "组织管理");
        await Expect(Tree(page).GetByText("红帆研究院党委", new() { Exact = true })).ToBeVisibleAsync();
        return page;
    }

    private static ILocator Tree(IPage page) => page.ById("org-manage-tree");

    /// <summary>The row of an organisation in the tree (what a mouse grabs and drops onto).</summary>
    private static ILocator NodeContent(IPage page, string name) =>
        Tree(page).Locator(".el-tree-node__content").Filter(new() { Has = page.GetByText(name, new() { Exact = true }) });

    /// <summary>
    /// What the tree shows under an organisation: the children container of the innermost node holding its name
    /// (its own, the first in document order), with the nodes of the whole subtree inside.
    /// </summary>
    private static ILocator Below(IPage page, string name) =>
        Tree(page).Locator(".el-tree-node").Filter(new() { Has = page.GetByText(name, new() { Exact = true }) }).Last
            .Locator(".el-tree-node__children").First;

    private static ILocator NodesBelow(IPage page, string name) => Below(page, name).Locator(".el-tree-node");

    private static async Task SelectAsync(IPage page, string name)
    {
        await NodeContent(page, name).ClickAsync();
        await Expect(page.ById("org-detail-name")).ToHaveTextAsync(name);
    }

    private Task<Guid?> ParentAsync(Guid id) =>
        Host.ScalarAsync<Guid?>("select parent_id from personnel.organization where id = @id", ("id", id));

    /// <summary>Sets up an organisation through the API, as the given user, and returns its id.</summary>
    private async Task<Guid> CreateAsync(TestUser user, string name, string type, Guid parentId)
    {
        using var api = Host.Client();
        await api.SignInAsync(user);
        var response = await api.PostAsync(Api, new { code = "T-" + Guid.NewGuid().ToString("N")[..8], name, type, parentId });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Drags one node onto another with the tree narrowed to the test's own organisations ("测试…"), so that both are in
    /// view at once: in the full demo tree the ones created last sit at the bottom edge of its scroll area, where a drop
    /// may miss its target.
    /// </summary>
    private static async Task DragOntoAsync(IPage page, string source, string target)
    {
        await page.ById("org-manage-tree-search").FillAsync("测试");
        await NodeContent(page, target).ScrollIntoViewIfNeededAsync();
        await NodeContent(page, source).DragToAsync(NodeContent(page, target));
    }

    private static string UniqueName(string kind) => "测试" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant() + kind;

    /// <summary>Today as the browser's date pickers have it: the institution's date (the test browser is in its time zone).</summary>
    private string Today() => InstitutionToday.ToString("yyyy-MM-dd");
}
