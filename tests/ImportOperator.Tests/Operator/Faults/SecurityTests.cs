using System.Text;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Tests.Operator.Support;
using k8s;

namespace ImportOperator.Tests.Operator.Faults;

/// <summary>
/// Security checks against the running system. The storage secret key and the webhook and review signing keys never
/// appear where users, cluster readers or log collectors can read them: import status, events, Jobs and Pods, the
/// operator's and workers' logs, webhook bodies and headers — after imports that succeed, stop for review and fail.
/// An upload URL is signed for one key, one verb and a bounded time.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class SecurityTests(OperatorEnvironment env) : IClassFixture<OperatorEnvironment>
{
    [Fact]
    public async Task An_upload_url_is_signed_for_one_key_one_verb_and_thirty_minutes()
    {
        // s3rver does not check SigV4 signatures, so scope is checked on the signature itself (PresignedUrlSignature).
        var ns = await env.NewNamespaceAsync("scope");
        var waiting = await FaultScenarios.CreateAwaitingUploadAsync(env, ns, "scoped");
        var url = waiting.Status!.Upload!;
        var secret = env.StorageSecretAccessKey;
        var otherKey = url.Replace("/input/people.csv?", "/input/other.csv?", StringComparison.Ordinal);
        var otherImport = url.Replace($"/{ns}/scoped/", $"/{ns}/another/", StringComparison.Ordinal);
        var stretched = System.Text.RegularExpressions.Regex.Replace(url, "X-Amz-Expires=\\d+", "X-Amz-Expires=604800");
        Assert.NotEqual(url, otherKey);
        Assert.NotEqual(url, otherImport);
        Assert.NotEqual(url, stretched);

        Assert.True(PresignedUrlSignature.IsValidFor(url, "PUT", secret), $"the upload URL does not verify as a PUT: {url}");
        Assert.False(PresignedUrlSignature.IsValidFor(url, "GET", secret));
        Assert.False(PresignedUrlSignature.IsValidFor(url, "DELETE", secret));
        Assert.False(PresignedUrlSignature.IsValidFor(otherKey, "PUT", secret));
        Assert.False(PresignedUrlSignature.IsValidFor(otherImport, "PUT", secret));
        Assert.False(PresignedUrlSignature.IsValidFor(stretched, "PUT", secret));
        var expiresAt = PresignedUrlSignature.ExpiresAt(url);
        Assert.InRange(expiresAt, DateTime.UtcNow.AddMinutes(25), DateTime.UtcNow.AddMinutes(31));
        Assert.Equal(waiting.Status.UploadExpiresAt!.Value.ToUniversalTime(), expiresAt, TimeSpan.FromSeconds(2));

        await OperatorEnvironment.UploadAsync(url, FaultScenarios.PeopleCsv);
        var done = await env.WaitForPhaseAsync(ns, "scoped", ImportPhases.Successful, TimeSpan.FromSeconds(120));
        Assert.True(PresignedUrlSignature.IsValidFor(done.Status!.Result!.DataUrl!, "GET", secret));
        Assert.False(PresignedUrlSignature.IsValidFor(done.Status.Result.DataUrl!, "PUT", secret));
    }

    [Fact]
    public async Task No_secret_appears_in_status_events_jobs_logs_or_webhooks()
    {
        var ns = await env.NewNamespaceAsync("leak");
        var hook = env.Webhooks.UrlFor($"/{ns}/events");
        await using var invariants = ImportInvariants.Watch(env, ns);
        await env.CreateAsync(FaultScenarios.Inline(ns, "succeeds", new ImportSettings { WebhookUrl = hook }));
        var review = Samples.People(ns, "reviewed", new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit, NeedsReviewWebhookUrl = hook });
        review.Spec.OriginalFilename = null;
        review.Spec.InitialData = [new System.Text.Json.Nodes.JsonObject { ["name"] = "Grace", ["email"] = "not-an-email" }];
        await env.CreateAsync(review);
        var failing = Samples.People(ns, "fails", new ImportSettings { WebhookUrl = hook }, new HookDefinitions { RowHooks = ["(record) => { throw new Error('refused'); }"] });
        failing.Spec.OriginalFilename = null;
        failing.Spec.InitialData = [new System.Text.Json.Nodes.JsonObject { ["name"] = "Ada", ["email"] = "ada@example.com" }];
        await env.CreateAsync(failing);
        foreach (var name in new[] { "succeeds", "reviewed", "fails" })
            await env.WaitAsync(ns, name, i => i.Status?.Webhook?.Delivered == true, "its webhook delivered", TimeSpan.FromSeconds(180));
        invariants.AssertHeld();

        var places = await ReadablePlacesAsync(ns);

        Assert.Contains(places, p => p.Where.StartsWith("webhook", StringComparison.Ordinal));
        Assert.Contains(places, p => p.Where.StartsWith("pod log", StringComparison.Ordinal));
        foreach (var (secretName, needles) in Secrets())
            foreach (var (where, text) in places)
                foreach (var needle in needles)
                    Assert.False(Scrub(text).Contains(needle, StringComparison.Ordinal), $"The {secretName} appears in {where}.");
    }

    /// <summary>Each secret with the forms it could leak in: as given, base64 and hex.</summary>
    IEnumerable<(string Name, string[] Needles)> Secrets()
    {
        static string[] Forms(byte[] key) => [Encoding.UTF8.GetString(key), Convert.ToBase64String(key), Convert.ToHexString(key), Convert.ToHexStringLower(key)];
        yield return ("webhook signing key", Forms(env.WebhookKey));
        yield return ("review signing key", Forms(env.ReviewKey));
        yield return ("storage secret access key", Forms(Encoding.UTF8.GetBytes(env.StorageSecretAccessKey)));
    }

    /// <summary>
    /// The access key id is public by design (it is in every SigV4 credential scope, presigned URLs included); s3rver's
    /// id and secret are the same word, so its credential-scope mentions are removed before the secret is looked for.
    /// </summary>
    static string Scrub(string text) => text
        .Replace("Credential=S3RVER%2F", "Credential=", StringComparison.Ordinal)
        .Replace("Credential=S3RVER/", "Credential=", StringComparison.Ordinal);

    async Task<List<(string Where, string Text)>> ReadablePlacesAsync(string ns)
    {
        var places = new List<(string, string)>();
        foreach (var import in (await env.Imports.ListAsync(ns, null, CancellationToken.None)).Items)
            places.Add(($"HeadlessImport {ns}/{import.Metadata.Name} (metadata and status)", KubernetesJson.Serialize(import)));
        places.Add(("core/v1 events", KubernetesJson.Serialize(await env.Client.CoreV1.ListNamespacedEventAsync(ns))));
        places.Add(("events.k8s.io/v1 events", KubernetesJson.Serialize(await env.Client.EventsV1.ListNamespacedEventAsync(ns))));
        places.Add(("Jobs", KubernetesJson.Serialize(await env.Client.BatchV1.ListNamespacedJobAsync(ns))));
        var pods = await env.Client.CoreV1.ListNamespacedPodAsync(ns);
        places.Add(("Pods", KubernetesJson.Serialize(pods)));
        foreach (var pod in pods.Items) places.Add(($"pod log {pod.Metadata.Name}", env.Api.PodLogs.Read(ns, pod.Metadata.Name)));
        places.Add(("operator log", env.Operator.Log));
        foreach (var webhook in env.Webhooks.Received.Where(w => w.Path.StartsWith($"/{ns}/", StringComparison.Ordinal)))
            places.Add(($"webhook body and headers to {webhook.Path}", webhook.Body + "\n" + string.Join("\n", webhook.Headers.Select(h => $"{h.Key}: {h.Value}"))));
        return places;
    }
}
