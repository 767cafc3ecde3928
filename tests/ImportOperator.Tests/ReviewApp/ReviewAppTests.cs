using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Review;
using ImportOperator.ReviewApp;
using ImportOperator.Tests.Operator.Support;
using ImportOperator.Tests.ReviewApp.Support;

namespace ImportOperator.Tests.ReviewApp;

/// <summary>
/// The review app over HTTP against the whole system: imports stopped in NEEDS_REVIEW by the real operator and
/// worker, opened through their status.reviewUrl, fixed, and finished.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class ReviewAppTests(ReviewSystem system) : IClassFixture<ReviewSystem>
{
    private OperatorEnvironment Env => system.Env;

    [Fact]
    public async Task A_fixed_email_is_committed_on_finish_and_the_import_is_handed_back_to_the_operator()
    {
        var ns = await Env.NewNamespaceAsync("rv");
        var import = await system.NeedsReviewAsync(
            Samples.People(ns, "typo", new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit }),
            Samples.PeopleCsv(("Ada", "ada@example.com"), ("Grace", "grace.example.com"), ("Alan", "alan@example.com")));
        using var browser = new ReviewBrowser(system.LocalUrl(import.Status!.ReviewUrl!));

        var (status, html, _) = await browser.OpenAsync();
        Assert.True(status == HttpStatusCode.OK, system.Log.Text);
        Assert.Contains("ValidationErrors", html);
        var errors = await browser.RowsAsync(errorsOnly: true);
        Assert.Equal(1, errors.GetProperty("total").GetInt64());
        var bad = errors.GetProperty("rows")[0];
        Assert.Equal(1, bad.GetProperty("index").GetInt64());
        var emailCell = bad.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "email");
        Assert.NotEmpty(emailCell.GetProperty("messages").EnumerateArray());

        var edit = await browser.PostJsonAsync("/api/rows/1", new { values = new Dictionary<string, string> { ["email"] = "grace@example.com" } });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.False((await edit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hasError").GetBoolean());
        Assert.Equal(0, (await browser.RowsAsync(errorsOnly: true)).GetProperty("total").GetInt64());

        var finish = await browser.PostJsonAsync("/api/finish", new { });
        var result = await finish.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(FinishResult.Finished, result.GetProperty("state").GetString());
        Assert.False(Directory.Exists(Path.Combine(system.ScratchDirectory, import.Metadata.Uid)), "the finished import's scratch folder is removed");

        await system.WaitForHandBackAsync(import);
        var summary = await system.CommittedSummaryAsync(import);
        Assert.Equal(ImportPhases.Successful, summary!.Phase);
        Assert.Equal(3, summary.ResultMetadata.NumResultRows);
        var data = await system.StoredJsonAsync(ReviewSystem.KeysOf(import).Data);
        Assert.Equal("grace@example.com", data[1].GetProperty("email").GetString());
        var (_, after, _) = await browser.OpenAsync();
        Assert.Contains("Review finished", after);
        Assert.DoesNotContain(browser.PageUrl[(browser.PageUrl.LastIndexOf('/') + 1)..], system.Log.Text);
    }

    [Fact]
    public async Task Tampered_expired_and_other_import_links_get_the_403_page_and_never_the_data()
    {
        var ns = await Env.NewNamespaceAsync("rv");
        var import = await system.NeedsReviewAsync(
            Samples.People(ns, "secret", new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit }),
            Samples.PeopleCsv(("Top Secret", "not-an-email")));
        var other = await system.NeedsReviewAsync(
            Samples.People(ns, "other", new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit }),
            Samples.PeopleCsv(("Someone", "bad-email")));
        var good = system.LocalUrl(import.Status!.ReviewUrl!);
        var token = good[(good.LastIndexOf('/') + 1)..];
        var tampered = good[..^2] + (good[^2] == 'A' ? "B" : "A") + good[^1];
        var expired = system.Links(new FixedTime(DateTimeOffset.UtcNow.AddDays(-2)))
            .Issue(ns, "secret", import.Metadata.Uid, TimeSpan.FromHours(1)).Url.ToString();
        // Signed with the right key, but names the other import with this one's uid: the live uid check refuses it.
        var crossed = system.Links().Issue(ns, "other", import.Metadata.Uid, TimeSpan.FromHours(1)).Url.ToString();
        var recreated = system.Links().Issue(ns, "secret", other.Metadata.Uid, TimeSpan.FromHours(1)).Url.ToString();

        foreach (var (url, title) in new[]
        {
            (tampered, "This review link is not valid"),
            (expired, "This review link has expired"),
            (crossed, "This import is no longer available"),
            (recreated, "This import is no longer available"),
            (system.BaseUrl + "/review/not-a-token", "This review link is not valid"),
        })
        {
            using var browser = new ReviewBrowser(url);
            var (status, html, response) = await browser.OpenAsync();
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains(title, html);
            Assert.DoesNotContain("Top Secret", html);
            Assert.DoesNotContain("Someone", html);
            Assert.DoesNotContain("   at ", html);
            Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            var api = await browser.GetAsync("/api/rows");
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
            Assert.DoesNotContain("Top Secret", await api.Content.ReadAsStringAsync());
        }
        Assert.NotEqual(token, tampered[(tampered.LastIndexOf('/') + 1)..]);
    }

    [Fact]
    public async Task Writes_without_the_pages_csrf_token_are_refused_and_change_nothing()
    {
        var ns = await Env.NewNamespaceAsync("rv");
        var import = await system.NeedsReviewAsync(
            Samples.People(ns, "csrf", new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit }),
            Samples.PeopleCsv(("Ada", "ada-at-example")));
        using var browser = new ReviewBrowser(system.LocalUrl(import.Status!.ReviewUrl!));
        await browser.OpenAsync();

        var forged = await browser.PostJsonAsync("/api/rows/0", new { values = new Dictionary<string, string> { ["email"] = "x@example.com" } }, withCsrf: false);
        var finish = await browser.PostJsonAsync("/api/finish", new { }, withCsrf: false);
        using var stranger = new ReviewBrowser(browser.PageUrl);
        var fromElsewhere = await stranger.PostJsonAsync("/api/finish", new { });

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, finish.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        Assert.Equal(1, (await browser.RowsAsync(errorsOnly: true)).GetProperty("total").GetInt64());
        Assert.Equal(ImportPhases.NeedsReview, (await system.CommittedSummaryAsync(import))!.Phase);
    }

    [Fact]
    public async Task An_unmapped_required_column_is_mapped_in_the_page_and_the_import_finishes()
    {
        var ns = await Env.NewNamespaceAsync("rv");
        var spec = Samples.People(ns, "unmapped");
        spec.Spec.Fields![1].RequireMapping = true;
        var import = await system.NeedsReviewAsync(spec, System.Text.Encoding.UTF8.GetBytes("Name,Contact\nAda,ada@example.com\nGrace,grace@example.com\n"));
        Assert.Equal("UnmappedColumns", import.Status!.Reason);
        using var browser = new ReviewBrowser(system.LocalUrl(import.Status.ReviewUrl!));

        var (_, html, _) = await browser.OpenAsync();
        Assert.Contains("Match the file", html);
        Assert.Contains("name=\"map.email\"", html);
        var mapped = await browser.PostFormAsync("/layout", [new("shownHeader", "0"), new("headerRow", "0"), new("map.name", "0"), new("map.email", "1")]);
        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);
        Assert.Contains("id=\"grid\"", await mapped.Content.ReadAsStringAsync());
        var rows = await browser.RowsAsync();
        Assert.Equal(2, rows.GetProperty("total").GetInt64());

        var result = await (await browser.PostJsonAsync("/api/finish", new { })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(FinishResult.Finished, result.GetProperty("state").GetString());
        await system.WaitForHandBackAsync(import);
        var data = await system.StoredJsonAsync(ReviewSystem.KeysOf(import).Data);
        Assert.Equal("ada@example.com", data[0].GetProperty("email").GetString());
    }

    [Fact]
    public async Task An_edit_reruns_the_row_hooks_in_update_mode_and_a_cancelling_before_finish_shows_its_message()
    {
        var ns = await Env.NewNamespaceAsync("rv");
        var hooks = new HookDefinitions
        {
            RowHooks = ["(record, mode) => { if (mode === 'update') record.row.name.value = record.row.name.value + ' (checked)'; return record; }"],
            BeforeFinishCallback = "(data) => data.some(r => r.name.startsWith('Stop')) ? { cancel: true, message: 'Rows named Stop cannot be imported.' } : undefined",
        };
        var import = await system.NeedsReviewAsync(
            Samples.People(ns, "hooked", new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit }, hooks),
            Samples.PeopleCsv(("Stop", "stop-at-example")));
        using var browser = new ReviewBrowser(system.LocalUrl(import.Status!.ReviewUrl!));
        await browser.OpenAsync();

        var edit = await browser.PostJsonAsync("/api/rows/0", new { values = new Dictionary<string, string> { ["email"] = "stop@example.com" } });
        var row = await edit.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Stop (checked)", row.GetProperty("cells")[0].GetProperty("value").GetString());

        var result = await (await browser.PostJsonAsync("/api/finish", new { })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(FinishResult.Cancelled, result.GetProperty("state").GetString());
        Assert.Equal("Rows named Stop cannot be imported.", result.GetProperty("message").GetString());
        Assert.False((await Env.GetAsync(ns, "hooked"))!.Metadata.Annotations?.ContainsKey(ReviewAnnotations.Completed) == true);
        Assert.Equal(ImportPhases.NeedsReview, (await system.CommittedSummaryAsync(import))!.Phase);
    }
}
