using RedSail.Platform.Access;
using RedSail.Platform.Features.SignIn;

namespace RedSail.Platform.Features.Sso;

/// <summary>Who the OA says signed in, as taken from its server-to-server answer (never from the browser's URL).</summary>
public sealed record SsoIdentity(string UserId, string? DisplayName, string? DepartmentCode);

/// <summary>
/// The OA vouched for a user: find their account (or provision one, if the provider says so) and open the same
/// server-side session a local sign-in opens. Administrators are refused here: they sign in locally, with their second factor.
/// </summary>
public sealed record CompleteSsoSignIn(string Provider, SsoIdentity Identity) : ICommand<SsoSession>
{
    public string AuditAction => "platform.auth.sso";
    public AuditTarget AuditTarget => new("sso_provider", Provider);
}

public sealed record SsoSession(Guid UserId, string SessionToken, string CsrfToken, bool Provisioned) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("user_account", UserId.ToString());
}

internal sealed class CompleteSsoSignInHandler(PlatformDb db, SsoOptions options, SessionFactory sessions, RequestContext context, IClock clock)
    : IRequestHandler<CompleteSsoSignIn, SsoSession>
{
    public async Task<SsoSession> Handle(CompleteSsoSignIn request, CancellationToken cancellationToken)
    {
        var provider = options.Providers[request.Provider];
        var externalId = request.Identity.UserId.Trim();
        var byEmployeeNumber = provider.MatchBy == SsoMatching.EmployeeNumber;
        var account = await db.QuerySingleOrDefaultAsync<AccountRow>($"""
            select u.id, u.user_name, u.enabled,
                   exists (select 1 from platform.role_grant g where g.user_id = u.id and g.role = any(@administrators)) as administrator
            from platform.user_account u
            where {(byEmployeeNumber ? "lower(u.employee_number) = lower(@externalId)" : "lower(u.user_name) = lower(@externalId)")}
            """, new { externalId, administrators = RoleCatalog.All.Where(r => r.Administrator).Select(r => r.Code).ToArray() }, cancellationToken);

        var provisioned = false;
        if (account is null)
        {
            if (provider.UnknownUser != UnknownUserPolicy.Provision) throw Refused("sso.unknown_user");
            account = await ProvisionAsync(request, provider, externalId, byEmployeeNumber, cancellationToken);
            provisioned = true;
        }
        context.Principal = new Principal(account.Id, account.UserName, null, [], []); // names the caller in the audit row
        if (!account.Enabled) throw Refused("sso.account_disabled");
        if (account.Administrator) throw Refused("sso.administrator_local_only");

        if (context.SessionId is { } previous) await sessions.RevokeAsync(previous, cancellationToken); // no session fixation
        var (token, csrf) = await sessions.CreateAsync(account.Id, SessionStages.Active, cancellationToken);
        await SignInCompletion.CompleteAsync(db, account.Id, clock.UtcNow, cancellationToken);
        return new SsoSession(account.Id, token, csrf, provisioned);
    }

    /// <summary>
    /// Just in time: an account that can only be used through SSO (its password hash matches no password), with the
    /// provider's default role on the organisation the OA department maps to. No mapping, no account.
    /// </summary>
    private async Task<AccountRow> ProvisionAsync(CompleteSsoSignIn request, SsoProviderOptions provider, string externalId, bool byEmployeeNumber,
        CancellationToken ct)
    {
        var organizationId = request.Identity.DepartmentCode is { Length: > 0 } department
            ? await db.ExecuteScalarAsync<Guid?>("""
                select m.organization_id from platform.oa_department_map m join platform.organization o on o.id = m.organization_id
                where m.department_code = @department and o.status = 'active'
                """, new { department }, ct)
            : null;
        if (organizationId is null) throw Refused("sso.department_unmapped");
        if (!UserNameIsUsable(externalId)) throw Refused("sso.user_id_unusable");

        var id = Guid.CreateVersion7();
        var inserted = await db.ExecuteAsync("""
            insert into platform.user_account (id, user_name, display_name, password_hash, password_changed_at, employee_number, provisioned_by)
            values (@id, @userName, @displayName, 'sso-only', @now, @employeeNumber, @source)
            on conflict do nothing
            """, new
        {
            id, userName = externalId, displayName = string.IsNullOrWhiteSpace(request.Identity.DisplayName) ? externalId : request.Identity.DisplayName.Trim(),
            now = clock.UtcNow, employeeNumber = byEmployeeNumber ? externalId : null, source = "sso:" + request.Provider,
        }, ct);
        // The user name is taken by an account with another employee number: an administrator has to sort it out.
        if (inserted == 0) throw Refused("sso.user_name_taken");
        await db.ExecuteAsync("""
            insert into platform.role_grant (id, user_id, role, organization_id, granted_at) values (@grant, @id, @role, @organizationId, @now)
            """, new { grant = Guid.CreateVersion7(), id, role = provider.DefaultRole, organizationId, now = clock.UtcNow }, ct);
        return new AccountRow { Id = id, UserName = externalId, Enabled = true };
    }

    private static bool UserNameIsUsable(string value) =>
        value.Length is >= 3 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static ForbiddenException Refused(string key) => new(key, key);

    private sealed class AccountRow
    {
        public Guid Id { get; init; }
        public string UserName { get; init; } = "";
        public bool Enabled { get; init; }
        public bool Administrator { get; init; }
    }
}
