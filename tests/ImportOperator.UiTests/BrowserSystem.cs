using ImportOperator.Tests;
using ImportOperator.Tests.ReviewApp.Support;
using Microsoft.Playwright;

namespace ImportOperator.UiTests;

/// <summary>
/// The whole system with the review app (<see cref="ReviewSystem"/>) and a headless Debian Chromium driven by
/// Playwright. The browser is never downloaded: a missing /usr/bin/chromium fails with how to install it.
/// </summary>
public sealed class BrowserSystem : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumFlags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public ReviewSystem Review { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/install-test-tools.sh (apt-get install -y chromium).");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        await Review.InitializeAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumFlags,
        });
    }

    /// <summary>A fresh browser page at 1280×800 in the given colour scheme; CSP violations are collected.</summary>
    public async Task<(IPage Page, List<string> Problems)> NewPageAsync(ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            ColorScheme = scheme,
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (problems) problems.Add(message.Text); };
        page.PageError += (_, error) => { lock (problems) problems.Add(error); };
        return (page, problems);
    }

    /// <summary>
    /// Saves a screenshot as a test artifact under TestResults/screenshots/ (beside the test binaries) and copies it
    /// to the repository's git-ignored artifacts/screenshots/; returns the stable path.
    /// </summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var results = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        var stable = RepositoryPaths.Of("artifacts", "screenshots");
        Directory.CreateDirectory(results);
        Directory.CreateDirectory(stable);
        var path = Path.Combine(results, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        var copy = Path.Combine(stable, name + ".png");
        File.Copy(path, copy, overwrite: true);
        return copy;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        await Review.DisposeAsync();
    }
}
