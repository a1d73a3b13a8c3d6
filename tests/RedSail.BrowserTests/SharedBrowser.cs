using Microsoft.Playwright;

namespace RedSail.BrowserTests;

/// <summary>
/// One headless Debian Chromium (and one Playwright driver) for the whole run, launched on first use and closed by
/// <see cref="TestRun"/>: starting both took about two seconds per fixture. Tests share nothing through it, because
/// every test works in browser contexts of its own (separate cookies, storage and cache), closed after the test.
/// </summary>
public static class SharedBrowser
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic",
    ];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static async Task<IBrowser> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            _playwright ??= await Playwright.CreateAsync();
            return _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ChromiumArgs,
            });
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task CloseAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        _browser = null;
        _playwright = null;
    }
}
