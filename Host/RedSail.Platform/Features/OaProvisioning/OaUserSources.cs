using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using RedSail.Platform.Access;
using RedSail.Platform.Features.Sso;

namespace RedSail.Platform.Features.OaProvisioning;

/// <summary>
/// Where the OA's user list can come from besides an uploaded workbook: a JSON API of the OA (configuration <c>Oa:Directory</c>),
/// read with the same dotted paths as the ticket adapter. The token, if any, from the environment.
/// </summary>
public sealed class OaDirectoryOptions
{
    public string? Url { get; init; }
    /// <summary>Sent as <c>Authorization: Bearer</c>; from the environment (<c>Oa__Directory__Token</c>).</summary>
    public string? Token { get; init; }
    /// <summary>Dotted path to the array of users in the answer; empty: the answer is the array.</summary>
    public string ItemsPath { get; init; } = "";
    public string EmployeeNumberPath { get; init; } = "employeeNumber";
    public string LoginNamePath { get; init; } = "loginName";
    public string NamePath { get; init; } = "name";
    public string DepartmentCodePath { get; init; } = "departmentCode";
    /// <summary>Dotted path to the user's state; absent, true, 1, "1", "active" or "在职" count as active.</summary>
    public string ActivePath { get; init; } = "active";
}

internal static class OaUserSources
{
    public const string HttpClientName = "oa-directory";
    public const int MaxBytes = 10 * 1024 * 1024;
    private static readonly XlsxLimits Limits = new(MaxBytes, 100L * 1024 * 1024, 1_000);

    /// <summary>
    /// The workbook's first sheet, the header row first, then one user a row: 工号 (employee number), 登录名 (login name),
    /// 姓名 (name), 部门编码 (OA department code), 状态 (在职/离职; empty means 在职).
    /// </summary>
    public static IReadOnlyList<OaUserRow> FromXlsx(byte[] content)
    {
        XlsxUpload.EnsureSafe(content, Limits);
        try
        {
            return XlsxReader.ReadFirstSheet(content).Skip(1)
                .Select(r => new OaUserRow(r.Number, Text(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), IsActive(Text(r, 4))))
                .Take(OaProvisioningOptions.MaxUsers + 1).ToList();
        }
        catch (InvalidDataException)
        {
            throw XlsxUpload.Rejected("import_file_not_xlsx", "import.file_not_xlsx");
        }
    }

    public static async Task<IReadOnlyList<OaUserRow>> FromApiAsync(IHttpClientFactory clients, OaDirectoryOptions options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Url)) throw new RuleViolationException("oa_directory_unconfigured", "oa.directory_unconfigured");
        using var request = new HttpRequestMessage(HttpMethod.Get, options.Url);
        if (!string.IsNullOrEmpty(options.Token)) request.Headers.Authorization = new("Bearer", options.Token);
        JsonDocument answer;
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            throw new AppException(502, "oa_directory_unreachable", "oa.directory_unreachable");
        }
        using (answer)
        {
            var items = string.IsNullOrEmpty(options.ItemsPath) ? answer.RootElement : Step(answer.RootElement, options.ItemsPath);
            if (items is not { ValueKind: JsonValueKind.Array } array) throw new AppException(502, "oa_directory_unreachable", "oa.directory_unreachable");
            return array.EnumerateArray().Take(OaProvisioningOptions.MaxUsers + 1).Select((item, index) => new OaUserRow(index + 1,
                TicketExchange.Read(item, options.EmployeeNumberPath), TicketExchange.Read(item, options.LoginNamePath),
                TicketExchange.Read(item, options.NamePath), TicketExchange.Read(item, options.DepartmentCodePath),
                IsActive(Step(item, options.ActivePath) is { } state ? (state.ValueKind == JsonValueKind.String ? state.GetString() : state.GetRawText()) : null)))
                .ToList();
        }
    }

    private static JsonElement? Step(JsonElement root, string path)
    {
        var current = root;
        foreach (var step in path.Split('.'))
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(step, out var next)) current = next;
            else return null;
        return current;
    }

    private static string? Text(XlsxRow row, int column) => row.Cells.ElementAtOrDefault(column) switch
    {
        null => null,
        double number => number.ToString(CultureInfo.InvariantCulture),
        var value => value.ToString()?.Trim() is { Length: > 0 } text ? text : null,
    };

    private static bool IsActive(string? state) =>
        state is null || state.Trim().ToLowerInvariant() is "" or "true" or "1" or "active" or "在职" or "正常" or "启用";
}

internal static class SyncOaUsersEndpoints
{
    public static void MapSyncOaUsers(this IEndpointRouteBuilder api)
    {
        api.MapPost("/oa/users/sync", async (HttpRequest http, bool? apply, IMediator mediator, CancellationToken ct) =>
            {
                var (_, content) = await UploadedForm.ReadAsync(http, OaUserSources.MaxBytes,
                    _ => XlsxUpload.Rejected("import_file_too_large", "import.file_too_large", OaUserSources.MaxBytes / 1024 / 1024), ct);
                return await mediator.Send(new SyncOaUsers(OaUserSources.FromXlsx(content), apply == true), ct);
            })
            .WithName("SyncOaUsersFromFile").WithSummary("按 OA 导出的用户表（xlsx）开通、更新、停用账户；apply=false 为预演")
            .WithMetadata(new RequestSizeLimitAttribute(OaUserSources.MaxBytes + 64 * 1024))
            .RequirePermission(PlatformPermissions.Users);

        api.MapPost("/oa/users/sync-from-oa", async (bool? apply, IHttpClientFactory clients, OaDirectoryOptions options, IMediator mediator,
                CancellationToken ct) =>
                await mediator.Send(new SyncOaUsers(await OaUserSources.FromApiAsync(clients, options, ct), apply == true), ct))
            .WithName("SyncOaUsersFromOa").WithSummary("按 OA 接口返回的用户列表开通、更新、停用账户；apply=false 为预演")
            .RequirePermission(PlatformPermissions.Users);
    }
}
