using System.Text;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Tests.Operator.Support;
using ImportOperator.Tests.ReviewApp.Support;
using Microsoft.Playwright;

namespace ImportOperator.UiTests;

/// <summary>
/// The review page in a real browser, as a person uses it: the "Done when" list of the review issue. Each screen is
/// kept as a screenshot (artifacts/screenshots/*.png).
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class ReviewPageTests(BrowserSystem system) : IClassFixture<BrowserSystem>
{
    private ReviewSystem Review => system.Review;
    private OperatorEnvironment Env => system.Review.Env;

    [Fact]
    public async Task A_mistyped_email_under_block_submit_is_fixed_in_the_page_and_finishing_commits_the_fix()
    {
        var ns = await Env.NewNamespaceAsync("ui");
        var import = await Review.NeedsReviewAsync(
            Samples.People(ns, "typo", new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit }),
            Samples.PeopleCsv(("Ada Lovelace", "ada@example.com"), ("Grace Hopper", "grace.example.com"), ("Alan Turing", "alan@example.com"), ("Edsger Dijkstra", "edsger@example.com")));
        var (page, problems) = await system.NewPageAsync();

        await page.GotoAsync(Review.LocalUrl(import.Status!.ReviewUrl!));
        await Assertions.Expect(page.Locator("#reason")).ToHaveTextAsync("ValidationErrors");
        await Assertions.Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("td.has-error")).ToHaveCountAsync(1);
        await BrowserSystem.ScreenshotAsync(page, "01-grid-with-error-light");

        // Keyboard only: focus the filter and toggle it with Space.
        await page.Locator("#errors-only").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(1);
        var email = page.GetByLabel("Email, row 2");
        await Assertions.Expect(email).ToHaveValueAsync("grace.example.com");
        await Assertions.Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("td.has-error .msgs li.error")).ToHaveCountAsync(1);
        await BrowserSystem.ScreenshotAsync(page, "02-errors-only");

        await email.FillAsync("grace@example.com");
        await email.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Row 2 saved; it has no errors.");
        await Assertions.Expect(page.Locator("td.has-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#counts")).ToContainTextAsync("0 with errors");
        await BrowserSystem.ScreenshotAsync(page, "03-error-fixed");

        await page.Locator("#finish").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#finished h1")).ToHaveTextAsync("Import finished");
        await BrowserSystem.ScreenshotAsync(page, "04-finished");

        await Review.WaitForHandBackAsync(import);
        var summary = await Review.CommittedSummaryAsync(import);
        Assert.Equal(ImportPhases.Successful, summary!.Phase);
        var data = await Review.StoredJsonAsync(ReviewSystem.KeysOf(import).Data);
        Assert.Equal("grace@example.com", data[1].GetProperty("email").GetString());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_grid_reads_in_dark_mode_too()
    {
        var ns = await Env.NewNamespaceAsync("ui");
        var import = await Review.NeedsReviewAsync(
            Samples.People(ns, "dark", new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit }),
            Samples.PeopleCsv(("Ada Lovelace", "ada@example"), ("", "grace@example.com")));
        var (page, problems) = await system.NewPageAsync(ColorScheme.Dark);

        await page.GotoAsync(Review.LocalUrl(import.Status!.ReviewUrl!));
        await Assertions.Expect(page.Locator("td.has-error")).ToHaveCountAsync(2);
        var background = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(15, 20, 25)", background);
        await BrowserSystem.ScreenshotAsync(page, "05-grid-dark");

        // Delete the row without a name, from the keyboard, confirming the browser's question.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete row 2" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#counts")).ToContainTextAsync("1 rows, 1 with errors");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task An_unmapped_required_column_is_mapped_in_the_page_and_the_import_finishes()
    {
        var ns = await Env.NewNamespaceAsync("ui");
        var spec = Samples.People(ns, "unmapped");
        spec.Spec.Fields![1].RequireMapping = true;
        var import = await Review.NeedsReviewAsync(spec, Encoding.UTF8.GetBytes("Name,Contact\nAda,ada@example.com\nGrace,grace@example.com\n"));
        var (page, problems) = await system.NewPageAsync();

        await page.GotoAsync(Review.LocalUrl(import.Status!.ReviewUrl!));
        await Assertions.Expect(page.Locator("#reason")).ToHaveTextAsync("UnmappedColumns");
        await Assertions.Expect(page.Locator("#mapping-step label[for=map-1] abbr.req")).ToHaveCountAsync(1);
        await BrowserSystem.ScreenshotAsync(page, "06-mapping-step");

        await page.GetByLabel("Email").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByLabel("Email, row 1")).ToHaveValueAsync("ada@example.com");
        await BrowserSystem.ScreenshotAsync(page, "07-mapped-grid");

        await page.Locator("#finish").ClickAsync();
        await Assertions.Expect(page.Locator("#finished")).ToBeVisibleAsync();
        await Review.WaitForHandBackAsync(import);
        Assert.Equal(ImportPhases.Successful, (await Review.CommittedSummaryAsync(import))!.Phase);
        var data = await Review.StoredJsonAsync(ReviewSystem.KeysOf(import).Data);
        Assert.Equal("grace@example.com", data[1].GetProperty("email").GetString());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_header_row_is_picked_in_the_page_when_none_was_found()
    {
        var ns = await Env.NewNamespaceAsync("ui");
        var settings = new ImportSettings { MatchingStep = new MatchingStepSettings { HeaderRowOverride = 9 } };
        var import = await Review.NeedsReviewAsync(Samples.People(ns, "headless", settings),
            Samples.PeopleCsv(("Ada Lovelace", "ada@example.com"), ("Grace Hopper", "grace@example.com")));
        var (page, problems) = await system.NewPageAsync();

        await page.GotoAsync(Review.LocalUrl(import.Status!.ReviewUrl!));
        await Assertions.Expect(page.Locator("#reason")).ToHaveTextAsync("HeaderRowNotFound");
        await BrowserSystem.ScreenshotAsync(page, "11-header-step");

        await page.GetByLabel("Row 1", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(2);
        await page.Locator("#finish").ClickAsync();
        await Assertions.Expect(page.Locator("#finished")).ToBeVisibleAsync();

        await Review.WaitForHandBackAsync(import);
        var data = await Review.StoredJsonAsync(ReviewSystem.KeysOf(import).Data);
        Assert.Equal("Ada Lovelace", data[0].GetProperty("name").GetString());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_row_hook_runs_in_update_mode_after_an_edit_and_its_change_shows_in_the_page()
    {
        var ns = await Env.NewNamespaceAsync("ui");
        var hooks = new HookDefinitions
        {
            RowHooks = ["(record, mode) => { if (mode === 'update') { record.row.name.value = record.row.name.value.toUpperCase(); record.row.name.info = [{ message: 'Checked after your edit', level: 'info' }]; } return record; }"],
        };
        var import = await Review.NeedsReviewAsync(
            Samples.People(ns, "hooked", new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit }, hooks),
            Samples.PeopleCsv(("Ada Lovelace", "ada-at-example")));
        var (page, problems) = await system.NewPageAsync();

        await page.GotoAsync(Review.LocalUrl(import.Status!.ReviewUrl!));
        await Assertions.Expect(page.GetByLabel("Name, row 1")).ToHaveValueAsync("Ada Lovelace");
        var requests = 0;
        page.Request += (_, request) => { if (request.Method == "POST") Interlocked.Increment(ref requests); };
        var email = page.GetByLabel("Email, row 1");
        await email.FillAsync("ada@example.com");
        await email.PressAsync("Enter");

        await Assertions.Expect(page.GetByLabel("Name, row 1")).ToHaveValueAsync("ADA LOVELACE");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Row 1 saved");
        Assert.Equal(1, requests);
        await Assertions.Expect(page.Locator("td[data-key=name] .msgs li.info")).ToHaveTextAsync("Checked after your edit");
        await BrowserSystem.ScreenshotAsync(page, "08-row-hook-update");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Tampered_and_expired_links_get_the_403_page()
    {
        var ns = await Env.NewNamespaceAsync("ui");
        var import = await Review.NeedsReviewAsync(
            Samples.People(ns, "locked", new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit }),
            Samples.PeopleCsv(("Private Person", "private-at-example")));
        var url = Review.LocalUrl(import.Status!.ReviewUrl!);
        var tampered = url[..^2] + (url[^2] == 'A' ? "B" : "A") + url[^1];
        var expired = Review.LocalUrl(Env.ReviewBaseUrl + "/review/" + Review.Links(new FixedTime(DateTimeOffset.UtcNow.AddDays(-3)))
            .Issue(ns, "locked", import.Metadata.Uid, TimeSpan.FromHours(1)).Url.Segments[^1]);
        var (page, problems) = await system.NewPageAsync();

        var response = await page.GotoAsync(tampered);
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("This review link is not valid");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Private Person");
        await BrowserSystem.ScreenshotAsync(page, "09-denied-tampered");

        response = await page.GotoAsync(expired);
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("This review link has expired");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Private Person");
        await BrowserSystem.ScreenshotAsync(page, "10-denied-expired");
        // The browser logs the 403 responses themselves; nothing else may go wrong.
        Assert.All(problems, p => Assert.Contains("403", p));
    }
}
