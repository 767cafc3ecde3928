using System.Net;
using System.Text;
using Amazon.S3;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Operator.Hosting;
using ImportOperator.Runtime;
using ImportOperator.Storage;
using ImportOperator.TestApiServer;
using ImportOperator.TestApiServer.Jobs;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit.Abstractions;

namespace ImportOperator.Tests.Operator.Support;

/// <summary>
/// The whole system on one machine, as the README describes it: the test API server (with CRDs from config/crd and
/// the local Job runner playing kubelet), s3rver, a webhook receiver, and the real operator executable whose
/// processing Jobs run the real worker verb. Each test works in a namespace of its own.
/// </summary>
public class OperatorEnvironment : IAsyncLifetime
{
    public const string WorkerImage = "import-operator-test:dev";

    readonly S3rverFixture _s3 = new();
    readonly string _secretsDirectory = Directory.CreateTempSubdirectory("operator-secrets-").FullName;
    int _namespaces;

    public TestApiServer.TestApiServer Api { get; private set; } = null!;
    public IKubernetes Client { get; private set; } = null!;
    public IAmazonS3 S3 { get; private set; } = null!;
    public IObjectStore Store { get; private set; } = null!;
    public string Bucket { get; } = S3rverFixture.NewBucketName();
    public WebhookReceiver Webhooks { get; private set; } = null!;
    public OperatorProcess Operator { get; private set; } = null!;
    public byte[] WebhookKey { get; } = Encoding.UTF8.GetBytes("webhook-signing-key-for-tests-0123456789abcdef");
    public byte[] ReviewKey { get; } = Encoding.UTF8.GetBytes("review-signing-key-for-tests-0123456789abcdefgh");
    public string ReviewBaseUrl => "http://review.example.test/imports";
    public ResourceClient<HeadlessImport> Imports { get; private set; } = null!;

    /// <summary>The operator's /metrics port: off here, so test operators never compete for the default 8080.</summary>
    public virtual int MetricsPort => -1;

    /// <summary>Flags a derived environment adds to the operator's (e.g. a log format).</summary>
    protected virtual IEnumerable<string> ExtraOperatorArguments => [];

    /// <summary>Environment variables a derived environment adds to the operator's (e.g. OTEL_*).</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraOperatorEnvironment => new Dictionary<string, string>();

    /// <summary>
    /// The storage endpoint the operator gets (and, through its processing Jobs, every worker and every presigned
    /// URL): s3rver itself by default; a derived environment can put a proxy in between. The test's own
    /// <see cref="Store"/> always talks to s3rver directly.
    /// </summary>
    protected virtual Task<string> OperatorStorageEndpointAsync(string storageEndpoint) => Task.FromResult(storageEndpoint);

    /// <summary>The storage secret access key the operator and workers are given, for tests that check it never leaks.</summary>
    public string StorageSecretAccessKey => S3rverFixture.SecretKey;

    public async Task InitializeAsync()
    {
        await _s3.InitializeAsync();
        var options = new TestApiServerOptions
        {
            JobRunner = new LocalJobRunnerOptions
            {
                Image = WorkerImage,
                Executable = "dotnet",
                LeadingArguments = [OperatorProcess.ExecutablePath],
                DropEntrypoint = true,
            },
        };
        options.CrdPaths.Add(RepositoryPaths.Of("config", "crd"));
        Api = await TestApiServer.TestApiServer.StartAsync(options);
        Client = Api.CreateClient();
        var storage = _s3.Options(Bucket);
        S3 = S3ClientFactory.Create(storage);
        Store = new S3ObjectStore(S3, storage);
        Imports = new ResourceClient<HeadlessImport>(Client, OperatorHost.ImportKind);
        Webhooks = await WebhookReceiver.StartAsync();

        var webhookKeyFile = Path.Combine(_secretsDirectory, "webhook-key");
        var reviewKeyFile = Path.Combine(_secretsDirectory, "review-key");
        await File.WriteAllBytesAsync(webhookKeyFile, WebhookKey);
        await File.WriteAllBytesAsync(reviewKeyFile, ReviewKey);
        List<string> arguments =
        [
            "--kubeconfig", Api.KubeconfigPath,
            "--leader-elect", "false",
            "--health-port", "-1",
            "--metrics-port", MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--storage-bucket", Bucket,
            "--storage-endpoint", await OperatorStorageEndpointAsync(storage.ServiceUrl!),
            "--storage-region", "us-east-1",
            "--storage-force-path-style", "true",
            "--storage-access-key-id-file", storage.AccessKeyIdFile!,
            "--storage-secret-access-key-file", storage.SecretAccessKeyFile!,
            "--worker-image", WorkerImage,
            "--upload-scan-interval", "0.3",
            "--running-check-interval", "1",
            "--image-pull-timeout", "2",
            "--upload-url-renew-before", "57",
            "--schema-wait-timeout", "20",
            "--webhook-signing-key-file", webhookKeyFile,
            "--review-base-url", ReviewBaseUrl,
            "--review-signing-key-file", reviewKeyFile,
            .. ExtraOperatorArguments,
        ];
        var environment = new Dictionary<string, string>(ExtraOperatorEnvironment) { ["DOTNET_gcServer"] = "0" };
        Operator = new OperatorProcess(arguments, environment);
        Operator.Start();
    }

    /// <summary>A namespace of the test's own, so tests sharing one environment never see each other's imports.</summary>
    public async Task<string> NewNamespaceAsync(string stem = "t")
    {
        var name = $"{stem}-{Interlocked.Increment(ref _namespaces)}-{Guid.NewGuid().ToString("N")[..6]}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    public Task<HeadlessImport> CreateAsync(HeadlessImport import) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync<HeadlessImport>(import, ApiGroup.Group, ApiGroup.Version, import.Metadata.NamespaceProperty, HeadlessImport.Plural);

    public Task<ImportSchema> CreateAsync(ImportSchema schema) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync<ImportSchema>(schema, ApiGroup.Group, ApiGroup.Version, schema.Metadata.NamespaceProperty, ImportSchema.Plural);

    public async Task<HeadlessImport?> GetAsync(string ns, string name)
    {
        try { return await Imports.GetAsync(new ObjectKey(ns, name), CancellationToken.None); }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    public Task DeleteAsync(string ns, string name) =>
        Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, ns, HeadlessImport.Plural, name);

    /// <summary>Polls until the import satisfies <paramref name="condition"/>; fails with the import and the operator's log.</summary>
    public async Task<HeadlessImport> WaitAsync(string ns, string name, Func<HeadlessImport, bool> condition, string description, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        HeadlessImport? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetAsync(ns, name);
            if (last is not null && condition(last)) return last;
            await Task.Delay(150);
        }
        throw new TimeoutException($"HeadlessImport {ns}/{name} did not become {description}. Last status: {Describe(last)}\n--- operator log (tail) ---\n{Tail(Operator.Log)}\n--- pod logs ---\n{PodLogs(ns)}");
    }

    public Task<HeadlessImport> WaitForPhaseAsync(string ns, string name, string phase, TimeSpan? timeout = null) =>
        WaitAsync(ns, name, i => i.Status?.Phase == phase, phase, timeout);

    public async Task WaitUntilGoneAsync(string ns, string name, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (await GetAsync(ns, name) is null) return;
            await Task.Delay(150);
        }
        throw new TimeoutException($"HeadlessImport {ns}/{name} was not deleted.\n--- operator log (tail) ---\n{Tail(Operator.Log)}");
    }

    /// <summary>What a user's HTTP client does with status.upload: a plain PUT, no credentials.</summary>
    public static async Task UploadAsync(string url, byte[] content)
    {
        using var http = new HttpClient();
        using var body = new ByteArrayContent(content);
        using var response = await http.PutAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT to the upload URL answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<string> DownloadAsync(string url)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<IReadOnlyList<string>> StoredKeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var item in Store.ListAsync(prefix)) keys.Add(item.Key);
        return keys;
    }

    public async Task<IReadOnlyList<V1Job>> JobsAsync(string ns) => (await Client.BatchV1.ListNamespacedJobAsync(ns)).Items.ToList();

    string PodLogs(string ns)
    {
        try
        {
            var pods = Client.CoreV1.ListNamespacedPod(ns).Items;
            return string.Join("\n", pods.Select(p => $"[{p.Metadata.Name}] {Tail(Api.PodLogs.Read(ns, p.Metadata.Name), 20)}"));
        }
        catch (Exception e) { return e.Message; }
    }

    static string Describe(HeadlessImport? import) => import is null ? "(gone)" :
        System.Text.Json.JsonSerializer.Serialize(import.Status, ImportOperator.Api.ApiJson.Options);

    static string Tail(string text, int lines = 60) => string.Join("\n", text.Split('\n').TakeLast(lines));

    public virtual async Task DisposeAsync()
    {
        if (Operator is not null) await Operator.DisposeAsync();
        if (Webhooks is not null) await Webhooks.DisposeAsync();
        if (Api is not null) await Api.DisposeAsync();
        S3?.Dispose();
        await _s3.DisposeAsync();
        try { Directory.Delete(_secretsDirectory, recursive: true); } catch (IOException) { }
    }
}
