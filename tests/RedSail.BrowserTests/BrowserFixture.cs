using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Testing;

namespace RedSail.BrowserTests;

/// <summary>
/// One real RedSail host per fixture (fresh database, or a fresh copy of the demo institute for fixtures marked
/// <see cref="DemoInstituteAttribute"/>; built UI from wwwroot) and one headless Debian Chromium per run
/// (<see cref="SharedBrowser"/>); every test gets new browser contexts (no cookies or storage carried over), zh-CN by default.
/// </summary>
public abstract class BrowserFixture
{
    /// <summary>Upper bound for one test (with [CancelAfter]): a journey takes seconds; this only stops a hung run.</summary>
    protected const int TestTimeout = 180_000;

    private readonly List<IBrowserContext> _contexts = [];
    private IBrowser? _browser;
    private TestHost? _host;
    private bool _onDemoCopy;

    protected TestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");
    protected IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>The institution's date (<c>IClock.Today</c>), the one the test browser's clock shows (<see cref="NewPageAsync"/>).</summary>
    protected DateOnly InstitutionToday => Clock.Today;

    private RedSail.BuildingBlocks.IClock Clock => Host.Services.GetRequiredService<RedSail.BuildingBlocks.IClock>();

    /// <summary>Phone size used by the mobile journey (an iPhone 12-14 sized viewport).</summary>
    protected static BrowserNewContextOptions Phone => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 3,
    };

    [OneTimeSetUp]
    public async Task StartHostAndBrowser()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        _onDemoCopy = GetType().IsDefined(typeof(DemoInstituteAttribute), inherit: true);
        _host = _onDemoCopy ? await DemoInstitute.StartAsync() : await StartHostAsync();
        _browser = await SharedBrowser.GetAsync();
    }

    /// <summary>The host of this fixture: a fresh database with the default settings, unless the fixture needs others.</summary>
    protected virtual Task<TestHost> StartHostAsync() => TestHost.StartFreshAsync();

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    [TearDown]
    public async Task CloseContexts()
    {
        var failed = TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed;
        foreach (var context in _contexts)
        {
            if (failed)
            {
                // What the user saw when the test failed, attached to the result for diagnosis.
                foreach (var page in context.Pages)
                {
                    try
                    {
                        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory,
                            $"{TestContext.CurrentContext.Test.Name}-{Guid.NewGuid():N}.png");
                        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = 5_000 });
                        TestContext.AddTestAttachment(file, page.Url);
                    }
                    catch (PlaywrightException)
                    {
                        // the page may already be gone; the failure itself is what matters
                    }
                }
            }
            await context.CloseAsync();
        }
        _contexts.Clear();
    }

    /// <summary>
    /// When the test's time is up, closes its browser contexts: every pending Playwright call then fails at
    /// once, so a hung page cannot hold the run (each step also has Playwright's own timeout).
    /// </summary>
    protected IDisposable AbortOnTimeout(CancellationToken cancellationToken) => cancellationToken.Register(() =>
    {
        lock (_contexts)
            foreach (var context in _contexts)
                _ = context.CloseAsync();
    });

    /// <summary>
    /// A page in a new browser context pointed at the host, in Chinese unless the options say otherwise, and in the
    /// institution's time zone, as its people's browsers are: the UI takes "this month" from the browser's clock, the server
    /// from the institution's, and from 16:00 UTC a browser on UTC is a day behind Beijing (at a month's end, a month).
    /// </summary>
    protected async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = Host.BaseAddress.ToString();
        options.Locale ??= "zh-CN";
        options.TimezoneId ??= Clock.Zone.Id;
        options.AcceptDownloads = true;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(30_000);
        lock (_contexts) _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Seeds the demo institute (56 organisations in Personnel), waits until they reached the platform
    /// through the outbox, and returns the root (红帆研究院党委). A fixture marked <see cref="DemoInstituteAttribute"/>
    /// already runs on a copy of it, with every delivery made: only the check and the root remain.
    /// </summary>
    protected async Task<Guid> SeedDemoInstituteAsync()
    {
        if (!_onDemoCopy) await Host.SendAsync(new SeedDemoData());
        var deadline = DateTime.UtcNow.AddSeconds(15);
        long count;
        while ((count = await Host.ScalarAsync<long>("select count(*) from platform.organization")) < 56 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.That(count, Is.EqualTo(56), "organisations that reached the platform from Personnel");
        return await Host.ScalarAsync<Guid>("select id from platform.organization where parent_id is null");
    }
}
