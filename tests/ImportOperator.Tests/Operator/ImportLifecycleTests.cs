using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Cli;
using ImportOperator.Engine.Schema;
using ImportOperator.Notifications;
using ImportOperator.Review;
using ImportOperator.Tests.Operator.Support;
using k8s;

namespace ImportOperator.Tests.Operator;

/// <summary>
/// Imports end to end as users meet them: kubectl-style create, PUT the file to status.upload with a plain HTTP
/// client, watch the phase, download the results — against the real operator, worker, test API server and s3rver.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class ImportLifecycleTests(OperatorEnvironment env) : IClassFixture<OperatorEnvironment>
{
    [Fact]
    public async Task A_file_uploaded_to_the_presigned_url_is_processed_and_its_results_match_the_local_process_command()
    {
        var ns = await env.NewNamespaceAsync();
        var (schema, import) = Samples.Contacts(ns);
        await env.CreateAsync(schema);
        var created = await env.CreateAsync(import);

        var waiting = await env.WaitForPhaseAsync(ns, import.Metadata.Name, ImportPhases.AwaitingUpload);
        var upload = new Uri(waiting.Status!.Upload!);
        Assert.EndsWith($"/{env.Bucket}/{ns}/{import.Metadata.Name}/{created.Metadata.Uid}/input/contacts.csv", upload.AbsolutePath);
        Assert.Equal("1800", HttpUtility.ParseQueryString(upload.Query)["X-Amz-Expires"]);
        Assert.Equal(created.Metadata.Uid, waiting.Status.Id);
        Assert.True(waiting.Status.UploadExpiresAt > DateTime.UtcNow.AddMinutes(25));

        await OperatorEnvironment.UploadAsync(waiting.Status.Upload!, await File.ReadAllBytesAsync(Samples.ContactsCsvPath));
        var done = await env.WaitForPhaseAsync(ns, import.Metadata.Name, ImportPhases.Successful);

        Assert.Null(done.Status!.Upload);
        Assert.NotNull(done.Status.CompletionTime);
        Assert.Contains(done.Status.Conditions!, c => c.Type == "Complete" && c.Status == "True");
        var expected = RunProcessCommandLocally(schema, import);
        Assert.Equal(expected.ResultMetadata!.NumResultRows, done.Status.ResultMetadata!.NumResultRows);
        Assert.Equal(expected.ResultMetadata.NumInvalidRows, done.Status.ResultMetadata.NumInvalidRows);
        Assert.Equal(expected.Reason, done.Status.Reason);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(expected.Folder, "data.json")), await OperatorEnvironment.DownloadAsync(done.Status.Result!.DataUrl!));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(expected.Folder, "metadata.json")), await OperatorEnvironment.DownloadAsync(done.Status.Result.MetadataUrl!));
        Assert.Equal($"s3://{env.Bucket}/{ns}/{import.Metadata.Name}/{created.Metadata.Uid}/results/data.json", done.Status.Result.Data);
        Assert.Single(await env.JobsAsync(ns));
    }

    [Fact]
    public async Task Inline_initial_data_needs_no_upload_and_goes_straight_to_processing()
    {
        var ns = await env.NewNamespaceAsync();
        var import = Samples.People(ns, "inline");
        import.Spec.OriginalFilename = null;
        import.Spec.InitialData =
        [
            new JsonObject { ["name"] = "Ada Lovelace", ["email"] = "ada@example.com" },
            new JsonObject { ["name"] = "Grace Hopper", ["email"] = "grace@example.com" },
        ];
        await env.CreateAsync(import);

        var done = await env.WaitForPhaseAsync(ns, "inline", ImportPhases.Successful);

        Assert.Null(done.Status!.Upload);
        Assert.Equal(2, done.Status.ResultMetadata!.NumResultRows);
        var data = JsonNode.Parse(await OperatorEnvironment.DownloadAsync(done.Status.Result!.DataUrl!))!.AsArray();
        Assert.Equal("grace@example.com", data[1]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Errors_under_block_submit_stop_in_needs_review_with_a_signed_link_to_that_import_and_a_signed_webhook()
    {
        var ns = await env.NewNamespaceAsync();
        var import = Samples.People(ns, "blocked", new ImportSettings
        {
            InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit,
            NeedsReviewWebhookUrl = env.Webhooks.UrlFor($"/{ns}/review"),
        });
        var created = await env.CreateAsync(import);
        var waiting = await env.WaitForPhaseAsync(ns, "blocked", ImportPhases.AwaitingUpload);
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, Samples.PeopleCsv(("Ada", "ada@example.com"), ("Grace", "not-an-email")));

        var review = await env.WaitAsync(ns, "blocked", i => i.Status?.Phase == ImportPhases.NeedsReview && i.Status.Webhook?.Delivered == true, "NEEDS_REVIEW with its webhook delivered");

        Assert.Equal("ValidationErrors", review.Status!.Reason);
        Assert.Contains(review.Status.ImportErrors!, e => e.RowIndex == 1 && e.FieldKey == "email" && e.Value == "not-an-email");
        Assert.Null(review.Status.CompletionTime);
        Assert.StartsWith(env.ReviewBaseUrl + "/review/", review.Status.ReviewUrl);
        var token = review.Status.ReviewUrl![(env.ReviewBaseUrl + "/review/").Length..];
        var check = new ReviewLinks(ReviewSigningKey.FromBytes(env.ReviewKey), new Uri(env.ReviewBaseUrl)).Verify(token);
        Assert.True(check.IsFor(ns, "blocked", created.Metadata.Uid), check.Message);

        var hook = Assert.Single(env.Webhooks.Received, w => w.Path == $"/{ns}/review");
        Assert.Equal(WebhookEvents.NeedsReview, hook.Headers[WebhookHeaders.Event]);
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(hook.Headers[WebhookHeaders.Signature], Encoding.UTF8.GetBytes(hook.Body), env.WebhookKey, DateTimeOffset.UtcNow));
        Assert.DoesNotContain("http", hook.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(created.Metadata.Uid, hook.Body);
    }

    [Fact]
    public async Task A_corrupt_workbook_fails_as_unreadable_and_the_failure_webhook_is_retried_until_delivered()
    {
        var ns = await env.NewNamespaceAsync();
        var path = $"/{ns}/events";
        env.Webhooks.FailNext(path, 503, times: 2);
        var import = Samples.People(ns, "corrupt", new ImportSettings { WebhookUrl = env.Webhooks.UrlFor(path) }, originalFilename: "people.xlsx");
        await env.CreateAsync(import);
        var waiting = await env.WaitForPhaseAsync(ns, "corrupt", ImportPhases.AwaitingUpload);
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, Encoding.UTF8.GetBytes("PK\u0003\u0004 this is not really a workbook"));

        var failed = await env.WaitAsync(ns, "corrupt", i => i.Status?.Webhook?.Delivered == true, "FAILED with its webhook delivered", TimeSpan.FromSeconds(120));

        Assert.Equal(ImportPhases.Failed, failed.Status!.Phase);
        Assert.Equal("UnreadableFile", failed.Status.Reason);
        Assert.Contains("people.xlsx", failed.Status.Message);
        Assert.Equal(3, failed.Status.Webhook!.Attempts);
        var deliveries = env.Webhooks.Received.Where(w => w.Path == path).ToList();
        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(WebhookEvents.Failed, d.Headers[WebhookHeaders.Event]));
        Assert.Single(deliveries.Select(d => d.Headers[WebhookHeaders.Delivery]).Distinct());
    }

    [Fact]
    public async Task A_row_hook_that_throws_fails_the_import_with_the_hooks_message()
    {
        var ns = await env.NewNamespaceAsync();
        var import = Samples.People(ns, "throwing", hooks: new HookDefinitions { RowHooks = ["(record) => { throw new Error('CRM lookup refused this row'); }"] });
        await env.CreateAsync(import);
        var waiting = await env.WaitForPhaseAsync(ns, "throwing", ImportPhases.AwaitingUpload);
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, Samples.PeopleCsv(("Ada", "ada@example.com")));

        var failed = await env.WaitForPhaseAsync(ns, "throwing", ImportPhases.Failed);

        Assert.Contains("CRM lookup refused this row", failed.Status!.Message);
    }

    [Fact]
    public async Task An_invalid_schema_fails_at_once_with_the_rule_it_breaks_and_starts_nothing()
    {
        var ns = await env.NewNamespaceAsync();
        var import = Samples.People(ns, "bad-regex");
        import.Spec.Fields![1].Validators = [new ValidatorDefinition { Validate = "regex_match", Regex = "([unclosed" }];
        await env.CreateAsync(import);

        var failed = await env.WaitForPhaseAsync(ns, "bad-regex", ImportPhases.Failed);

        Assert.Equal("InvalidSchema", failed.Status!.Reason);
        Assert.Contains("fields[1].validators[0]", failed.Status.Message);
        Assert.Null(failed.Status.Upload);
        Assert.Empty(await env.JobsAsync(ns));
    }

    [Fact]
    public async Task An_import_waits_for_its_schema_and_starts_as_soon_as_the_schema_is_created()
    {
        var ns = await env.NewNamespaceAsync();
        var (schema, import) = Samples.Contacts(ns);
        await env.CreateAsync(import);

        var waiting = await env.WaitAsync(ns, import.Metadata.Name,
            i => i.Status?.Conditions?.Any(c => c.Type == "SchemaResolved" && c.Status == "False" && c.Reason == "SchemaNotFound") == true, "waiting for its schema");
        Assert.Null(waiting.Status!.Phase);
        Assert.Contains("'contacts'", waiting.Status.Conditions!.Single(c => c.Type == "SchemaResolved").Message);

        await env.CreateAsync(schema);
        await env.WaitForPhaseAsync(ns, import.Metadata.Name, ImportPhases.AwaitingUpload);
    }

    [Fact]
    public async Task No_upload_within_the_timeout_fails_with_upload_timeout()
    {
        var ns = await env.NewNamespaceAsync();
        await env.CreateAsync(Samples.People(ns, "late", new ImportSettings { UploadTimeoutSeconds = 2 }));

        var failed = await env.WaitForPhaseAsync(ns, "late", ImportPhases.Failed);

        Assert.Equal("UploadTimeout", failed.Status!.Reason);
        Assert.Contains("settings.uploadTimeoutSeconds", failed.Status.Message);
        Assert.Null(failed.Status.Upload);
    }

    [Fact]
    public async Task A_file_larger_than_max_file_size_fails_with_file_too_large()
    {
        var ns = await env.NewNamespaceAsync();
        await env.CreateAsync(Samples.People(ns, "big", new ImportSettings { MaxFileSize = 20 }));
        var waiting = await env.WaitForPhaseAsync(ns, "big", ImportPhases.AwaitingUpload);
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, Samples.PeopleCsv(("Ada", "ada@example.com"), ("Grace", "grace@example.com")));

        var failed = await env.WaitForPhaseAsync(ns, "big", ImportPhases.Failed);

        Assert.Equal("FileTooLarge", failed.Status!.Reason);
        Assert.Contains("at most 20", failed.Status.Message);
        Assert.Empty(await env.JobsAsync(ns));
    }

    [Fact]
    public async Task Deleting_an_import_removes_every_stored_object_of_it()
    {
        var ns = await env.NewNamespaceAsync();
        var created = await env.CreateAsync(Samples.People(ns, "to-delete"));
        var waiting = await env.WaitForPhaseAsync(ns, "to-delete", ImportPhases.AwaitingUpload);
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, Samples.PeopleCsv(("Ada", "ada@example.com")));
        await env.WaitForPhaseAsync(ns, "to-delete", ImportPhases.Successful);
        var prefix = $"{ns}/to-delete/{created.Metadata.Uid}/";
        Assert.Contains(prefix + "results/data.json", await env.StoredKeysAsync(prefix));

        await env.DeleteAsync(ns, "to-delete");
        await env.WaitUntilGoneAsync(ns, "to-delete");

        Assert.Empty(await env.StoredKeysAsync(prefix));
    }

    [Fact]
    public async Task Two_imports_with_the_same_name_in_two_namespaces_never_touch_each_others_objects()
    {
        var first = await env.NewNamespaceAsync("team-a");
        var second = await env.NewNamespaceAsync("team-b");
        await env.CreateAsync(Samples.People(first, "weekly"));
        await env.CreateAsync(Samples.People(second, "weekly"));
        var a = await env.WaitForPhaseAsync(first, "weekly", ImportPhases.AwaitingUpload);
        var b = await env.WaitForPhaseAsync(second, "weekly", ImportPhases.AwaitingUpload);
        Assert.NotEqual(a.Status!.Upload, b.Status!.Upload);

        await OperatorEnvironment.UploadAsync(a.Status.Upload!, Samples.PeopleCsv(("Only In A", "a@example.com")));
        await OperatorEnvironment.UploadAsync(b.Status.Upload!, Samples.PeopleCsv(("Only In B", "b@example.com"), ("Also B", "b2@example.com")));
        var doneA = await env.WaitForPhaseAsync(first, "weekly", ImportPhases.Successful);
        var doneB = await env.WaitForPhaseAsync(second, "weekly", ImportPhases.Successful);

        var dataA = await OperatorEnvironment.DownloadAsync(doneA.Status!.Result!.DataUrl!);
        var dataB = await OperatorEnvironment.DownloadAsync(doneB.Status!.Result!.DataUrl!);
        Assert.Contains("Only In A", dataA);
        Assert.DoesNotContain("B", dataA);
        Assert.Equal(2, JsonNode.Parse(dataB)!.AsArray().Count);
        await env.DeleteAsync(first, "weekly");
        await env.WaitUntilGoneAsync(first, "weekly");
        Assert.Contains($"{second}/weekly/{doneB.Metadata.Uid}/results/data.json", await env.StoredKeysAsync($"{second}/"));
    }

    [Fact]
    public async Task An_unused_upload_url_is_replaced_before_it_expires_and_the_fresh_one_works()
    {
        var ns = await env.NewNamespaceAsync();
        await env.CreateAsync(Samples.People(ns, "slow-uploader", new ImportSettings { UploadUrlExpirySeconds = 60 }));
        var first = await env.WaitForPhaseAsync(ns, "slow-uploader", ImportPhases.AwaitingUpload);
        Assert.Equal("60", HttpUtility.ParseQueryString(new Uri(first.Status!.Upload!).Query)["X-Amz-Expires"]);

        // The environment renews 57 s before expiry: a fresh URL within a few seconds.
        var renewed = await env.WaitAsync(ns, "slow-uploader", i => i.Status?.Upload is { } url && url != first.Status.Upload, "given a fresh upload URL");

        Assert.True(renewed.Status!.UploadExpiresAt > first.Status.UploadExpiresAt);
        Assert.Equal(new Uri(first.Status.Upload!).AbsolutePath, new Uri(renewed.Status.Upload!).AbsolutePath);
        await OperatorEnvironment.UploadAsync(renewed.Status.Upload!, Samples.PeopleCsv(("Ada", "ada@example.com")));
        await env.WaitForPhaseAsync(ns, "slow-uploader", ImportPhases.Successful);
    }

    [Fact]
    public async Task A_finished_import_is_deleted_after_its_ttl_with_its_stored_objects()
    {
        var ns = await env.NewNamespaceAsync();
        var import = Samples.People(ns, "short-lived", new ImportSettings { TtlSecondsAfterFinished = 1 });
        import.Spec.OriginalFilename = null;
        import.Spec.InitialData = [new JsonObject { ["name"] = "Ada", ["email"] = "ada@example.com" }];
        var created = await env.CreateAsync(import);

        await env.WaitUntilGoneAsync(ns, "short-lived");

        Assert.Empty(await env.StoredKeysAsync($"{ns}/short-lived/{created.Metadata.Uid}/"));
        var events = await env.Client.CoreV1.ListNamespacedEventAsync(ns);
        Assert.Contains(events.Items, e => e.Reason == "Succeeded");
        Assert.Contains(events.Items, e => e.Reason == "Expired");
    }

    [Fact]
    public async Task Each_phase_change_is_recorded_as_an_event_on_the_import()
    {
        var ns = await env.NewNamespaceAsync();
        await env.CreateAsync(Samples.People(ns, "evented"));
        var waiting = await env.WaitForPhaseAsync(ns, "evented", ImportPhases.AwaitingUpload);
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, Samples.PeopleCsv(("Ada", "ada@example.com")));
        await env.WaitForPhaseAsync(ns, "evented", ImportPhases.Successful);

        var events = (await env.Client.CoreV1.ListNamespacedEventAsync(ns)).Items.Where(e => e.InvolvedObject.Name == "evented").ToList();

        Assert.Equal(["AwaitingUpload", "Pending", "Running", "Succeeded"], events.OrderBy(e => e.FirstTimestamp).Select(e => e.Reason).Where(r => r != "CleanedUp"));
        Assert.All(events, e => Assert.Equal("HeadlessImport", e.InvolvedObject.Kind));
    }

    [Fact]
    public async Task Results_committed_by_a_review_move_a_needs_review_import_to_successful_with_its_webhook()
    {
        var ns = await env.NewNamespaceAsync();
        var path = $"/{ns}/completed";
        var import = Samples.People(ns, "reviewed", new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit, WebhookUrl = env.Webhooks.UrlFor(path) });
        var created = await env.CreateAsync(import);
        var waiting = await env.WaitForPhaseAsync(ns, "reviewed", ImportPhases.AwaitingUpload);
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, Samples.PeopleCsv(("Ada", "not-an-email")));
        var review = await env.WaitForPhaseAsync(ns, "reviewed", ImportPhases.NeedsReview);

        // What the review app does when a person finishes: commit the fixed results (summary last), then say so.
        var keys = ImportOperator.Storage.ImportObjectKeys.For(ns, "reviewed", created.Metadata.Uid, "people.csv");
        var summary = new ImportOperator.Worker.ImportSummary
        {
            Phase = ImportPhases.Successful, Reason = "Reviewed", Message = "1 row imported after review.",
            ResultMetadata = new ResultMetadata { NumDataRows = 1, NumValidRows = 1, NumResultRows = 1 },
            StartTime = review.Status!.StartTime!.Value, EndTime = DateTime.UtcNow,
        };
        await new ImportOperator.Storage.ResultsCommitter(env.Store).CommitAsync(keys,
            new MemoryStream(Encoding.UTF8.GetBytes("""[{"name":"Ada","email":"ada@example.com"}]""")),
            new MemoryStream(Encoding.UTF8.GetBytes("{}")),
            new MemoryStream(summary.ToUtf8Json()));
        var annotation = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["importoperator.io/review-completed"] = DateTime.UtcNow.ToString("O") } } };
        var patch = new k8s.Models.V1Patch(annotation.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch);
        await env.Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, ApiGroup.Group, ApiGroup.Version, ns, HeadlessImport.Plural, "reviewed");

        var done = await env.WaitAsync(ns, "reviewed", i => i.Status?.Phase == ImportPhases.Successful && i.Status.Webhook?.Delivered == true, "SUCCESSFUL with its webhook delivered");

        Assert.Null(done.Status!.ReviewUrl);
        Assert.NotNull(done.Status.CompletionTime);
        Assert.Contains("ada@example.com", await OperatorEnvironment.DownloadAsync(done.Status.Result!.DataUrl!));
        // webhookUrl also hears about the review, since no needsReviewWebhookUrl is set.
        Assert.Equal([WebhookEvents.NeedsReview, WebhookEvents.ImportCompleted], env.Webhooks.Received.Where(w => w.Path == path).Select(w => w.Headers[WebhookHeaders.Event]));
    }

    [Fact]
    public async Task An_import_whose_schema_never_appears_fails_after_the_wait_bound()
    {
        var ns = await env.NewNamespaceAsync();
        var (_, import) = Samples.Contacts(ns);
        await env.CreateAsync(import);

        var failed = await env.WaitForPhaseAsync(ns, import.Metadata.Name, ImportPhases.Failed, TimeSpan.FromSeconds(60));

        Assert.Equal("SchemaNotFound", failed.Status!.Reason);
        Assert.Contains($"No ImportSchema named 'contacts' appeared in namespace '{ns}' within 20 seconds", failed.Status.Message);
    }

    [Fact]
    public async Task The_skip_cleanup_annotation_deletes_the_import_and_leaves_its_stored_objects()
    {
        var ns = await env.NewNamespaceAsync();
        var import = Samples.People(ns, "keep-files");
        import.Spec.OriginalFilename = null;
        import.Spec.InitialData = [new JsonObject { ["name"] = "Ada", ["email"] = "ada@example.com" }];
        var created = await env.CreateAsync(import);
        await env.WaitForPhaseAsync(ns, "keep-files", ImportPhases.Successful);
        var annotation = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["importoperator.io/skip-cleanup"] = "true" } } };
        await env.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new k8s.Models.V1Patch(annotation.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch),
            ApiGroup.Group, ApiGroup.Version, ns, HeadlessImport.Plural, "keep-files");

        await env.DeleteAsync(ns, "keep-files");
        await env.WaitUntilGoneAsync(ns, "keep-files");

        Assert.Contains($"{ns}/keep-files/{created.Metadata.Uid}/results/data.json", await env.StoredKeysAsync($"{ns}/keep-files/"));
        var events = await env.Client.CoreV1.ListNamespacedEventAsync(ns);
        Assert.Contains(events.Items, e => e.Reason == "CleanupSkipped");
    }

    sealed record LocalResult(string Folder, string? Reason, ResultMetadata? ResultMetadata);

    /// <summary>The same import through the local process command: what the cluster must produce too.</summary>
    static LocalResult RunProcessCommandLocally(ImportSchema schema, HeadlessImport import)
    {
        var folder = Directory.CreateTempSubdirectory("expected-").FullName;
        var exit = ProcessCommand.Run([RepositoryPaths.Of("samples", "contacts-schema.yaml"), RepositoryPaths.Of("samples", "contacts-import.yaml")],
            Samples.ContactsCsvPath, folder, quiet: true, CancellationToken.None);
        Assert.Equal(ProcessCommand.ExitSuccessful, exit);
        var status = System.Text.Json.JsonSerializer.Deserialize<HeadlessImportStatus>(File.ReadAllText(Path.Combine(folder, "status.json")), ImportOperator.Api.ApiJson.Options)!;
        return new LocalResult(folder, status.Reason, status.ResultMetadata);
    }
}
