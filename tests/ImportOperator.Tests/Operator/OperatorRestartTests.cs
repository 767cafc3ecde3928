using System.Text.Json.Nodes;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Tests.Operator.Support;

namespace ImportOperator.Tests.Operator;

/// <summary>
/// The operator killed (SIGKILL, no clean shutdown) at each phase and started again: no import is lost, none is
/// processed twice, and there is never a second Job for one import.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class OperatorRestartTests(OperatorEnvironment env) : IClassFixture<OperatorEnvironment>
{
    async Task AssertOneJobAndSuccessAsync(string ns, string name, int expectedRows)
    {
        var done = await env.WaitForPhaseAsync(ns, name, ImportPhases.Successful);
        Assert.Equal(expectedRows, done.Status!.ResultMetadata!.NumResultRows);
        var jobs = await env.JobsAsync(ns);
        Assert.Single(jobs, j => j.Metadata.Labels["importoperator.io/import"] == name);
        var data = JsonNode.Parse(await OperatorEnvironment.DownloadAsync(done.Status.Result!.DataUrl!))!.AsArray();
        Assert.Equal(expectedRows, data.Count);
    }

    [Fact]
    public async Task An_import_created_while_the_operator_is_down_is_picked_up_when_it_comes_back()
    {
        var ns = await env.NewNamespaceAsync();
        env.Operator.Kill();
        try
        {
            var import = Samples.People(ns, "while-down");
            import.Spec.OriginalFilename = null;
            import.Spec.InitialData = [new JsonObject { ["name"] = "Ada", ["email"] = "ada@example.com" }];
            await env.CreateAsync(import);
            await Task.Delay(500);
            Assert.Null((await env.GetAsync(ns, "while-down"))!.Status);
        }
        finally { env.Operator.Start(); }

        await AssertOneJobAndSuccessAsync(ns, "while-down", 1);
    }

    [Fact]
    public async Task A_file_uploaded_while_the_operator_is_down_is_found_after_the_restart()
    {
        var ns = await env.NewNamespaceAsync();
        await env.CreateAsync(Samples.People(ns, "upload-while-down"));
        var waiting = await env.WaitForPhaseAsync(ns, "upload-while-down", ImportPhases.AwaitingUpload);
        env.Operator.Kill();
        try { await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, Samples.PeopleCsv(("Ada", "ada@example.com"), ("Grace", "grace@example.com"))); }
        finally { env.Operator.Start(); }

        await AssertOneJobAndSuccessAsync(ns, "upload-while-down", 2);
    }

    [Theory]
    [InlineData(ImportPhases.Pending)]
    [InlineData(ImportPhases.Running)]
    public async Task Killed_as_soon_as_processing_begins_the_operator_finishes_the_import_with_one_job(string killAt)
    {
        var ns = await env.NewNamespaceAsync();
        var name = "kill-" + killAt.ToLowerInvariant();
        await env.CreateAsync(Samples.People(ns, name));
        var waiting = await env.WaitForPhaseAsync(ns, name, ImportPhases.AwaitingUpload);
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, Samples.PeopleCsv(("Ada", "ada@example.com"), ("Grace", "grace@example.com"), ("Linus", "linus@example.com")));

        // PENDING lasts only as long as one Job creation: whichever of PENDING or later is seen first, kill there.
        var order = ImportPhases.All.ToList();
        await env.WaitAsync(ns, name, i => i.Status?.Phase is { } p && order.IndexOf(p) >= order.IndexOf(killAt), $"{killAt} or later", TimeSpan.FromSeconds(60));
        env.Operator.Kill();
        await Task.Delay(300);
        env.Operator.Start();

        await AssertOneJobAndSuccessAsync(ns, name, 3);
    }

    [Fact]
    public async Task A_webhook_that_was_due_when_the_operator_died_is_delivered_after_the_restart()
    {
        var ns = await env.NewNamespaceAsync();
        var path = $"/{ns}/done";
        env.Webhooks.FailNext(path, 500, times: 1);
        var import = Samples.People(ns, "hook-after-restart", new Engine.Schema.ImportSettings { WebhookUrl = env.Webhooks.UrlFor(path) });
        import.Spec.OriginalFilename = null;
        import.Spec.InitialData = [new JsonObject { ["name"] = "Ada", ["email"] = "ada@example.com" }];
        await env.CreateAsync(import);
        await env.WaitAsync(ns, "hook-after-restart", i => i.Status?.Webhook is { Attempts: >= 1, Delivered: false }, "a failed first webhook attempt");
        env.Operator.Restart();

        var done = await env.WaitAsync(ns, "hook-after-restart", i => i.Status?.Webhook?.Delivered == true, "webhook delivered", TimeSpan.FromSeconds(90));

        Assert.Equal(ImportPhases.Successful, done.Status!.Phase);
        Assert.Equal(2, env.Webhooks.Received.Count(w => w.Path == path));
    }
}
