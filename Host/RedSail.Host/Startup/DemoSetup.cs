using System.Security.Cryptography;
using System.Text;
using MediatR;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Platform.Access;
using RedSail.Platform.Features.Organizations;
using RedSail.Platform.Features.Users;

namespace RedSail.Host.Startup;

/// <summary>
/// The embedded default's first start: the demo institute, and one account per role with a generated
/// password (and TOTP secret for administrators), written to a file only the owner can read and printed once.
/// Nothing is ever a default password.
/// </summary>
public static class DemoSetup
{
    public static async Task<string?> RunIfFirstStartAsync(IServiceProvider services, string dataPath, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        provider.GetRequiredService<RequestContext>().Principal = Principal.System;
        provider.GetRequiredService<RequestContext>().SourceAddress = "embedded-setup";
        await using (var connection = await provider.GetRequiredService<ModuleDataSources>().For("platform").OpenConnectionAsync(ct))
        await using (var command = new Npgsql.NpgsqlCommand("select exists (select 1 from platform.user_account)", connection))
            if ((bool)(await command.ExecuteScalarAsync(ct))!) return null;

        var mediator = provider.GetRequiredService<IMediator>();
        await mediator.Send(new SeedDemoData(), ct);
        // Let the organisations reach the platform's copy now, so that grants can name them.
        var dispatcher = provider.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchDueAsync(ct) > 0) { }
        // The modules' copies of the tree and the roster are complete now: add the demo's party work, honours and archive over them.
        await mediator.Send(new SeedWorkflowDemoData(), ct);
        await mediator.Send(new SeedHonorsDemoData(), ct);
        await mediator.Send(new SeedArchivesDemoData(), ct);
        var organizations = await mediator.Send(new ListOrganizations(), ct);
        var root = organizations.First(o => o.ParentId is null);
        var firstBranch = organizations.First(o => o.ParentId == root.Id && o.Type == "branch");

        // The member's account belongs to the first demo person (employee number E0001), so that self-service has a record to show.
        var accounts = new (string User, string Name, string Role, Guid? Organization, string? EmployeeNumber)[]
        {
            ("admin", "系统管理员", RoleCatalog.SystemAdmin, null, null),
            ("security", "安全管理员", RoleCatalog.SecurityAdmin, null, null),
            ("auditor", "审计管理员", RoleCatalog.AuditAdmin, null, null),
            ("party", "党委管理员", RoleCatalog.CommitteeAdmin, root.Id, null),
            ("branch01", firstBranch.Name + "书记", RoleCatalog.BranchSecretary, firstBranch.Id, null),
            ("member", "党员（自助）", RoleCatalog.Member, root.Id, "E0001"),
        };
        var text = new StringBuilder()
            .AppendLine("RedSail 红帆智慧党建 — initial accounts of this embedded installation (shown once; keep this file private).")
            .AppendLine("Administrators sign in with a TOTP code: add the secret to an authenticator app (or scan the QR code shown at first sign-in).")
            .AppendLine();
        foreach (var (user, name, role, organization, employeeNumber) in accounts)
        {
            var password = GeneratePassword();
            var created = await mediator.Send(new CreateAdministrator(user, name, password, role, organization, employeeNumber), ct);
            text.AppendLine($"  {role,-17} user: {user,-10} password: {password}" + (created.TotpSecret is null ? "" : $"   TOTP secret: {created.TotpSecret}"));
        }
        var file = Path.Combine(dataPath, "initial-credentials.txt");
        await File.WriteAllTextAsync(file, text.ToString(), ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return text.ToString();
    }

    /// <summary>16 characters from all four classes, without look-alikes (0/O, 1/l/I).</summary>
    public static string GeneratePassword()
    {
        string[] sets = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "#%+=@!?"];
        var chars = sets.Select(s => s[RandomNumberGenerator.GetInt32(s.Length)]).ToList();
        var all = string.Concat(sets);
        while (chars.Count < 16) chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        return new string(chars.OrderBy(_ => RandomNumberGenerator.GetInt32(1000)).ToArray());
    }
}
