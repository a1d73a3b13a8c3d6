namespace RedSail.Platform.Features.Sso;

/// <summary>
/// Whether people other than administrators may still sign in with a local password once the OA signs them in: the
/// configured default (<c>Sso:LocalSignIn</c>) until a security administrator sets it, then the database's value
/// (<c>platform.setting</c>). Administrators always sign in locally.
/// </summary>
internal sealed class LocalSignInPolicy(PlatformDb db, SsoOptions options)
{
    public const string Everyone = "everyone";
    public const string AdministratorsOnly = "administrators_only";
    public const string SettingKey = "sso.local_sign_in";

    public async Task<string> CurrentAsync(CancellationToken ct) =>
        await db.ExecuteScalarAsync<string?>("select value from platform.setting where key = @SettingKey", new { SettingKey }, ct) ?? options.LocalSignIn;

    public Task SetAsync(string value, CancellationToken ct) => db.ExecuteAsync("""
        insert into platform.setting (key, value) values (@SettingKey, @value) on conflict (key) do update set value = excluded.value
        """, new { SettingKey, value }, ct);
}
