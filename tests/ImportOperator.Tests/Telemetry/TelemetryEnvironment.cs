using System.Net;
using System.Net.Sockets;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Operator.Hosting;
using ImportOperator.Runtime;
using ImportOperator.Storage;
using ImportOperator.TestApiServer.Jobs;
using ImportOperator.Tests.Operator.Support;
using k8s;
using k8s.Models;

namespace ImportOperator.Tests.Telemetry;

/// <summary>
/// The one-machine system of <see cref="OperatorEnvironment"/> (test API server with the local Job runner, s3rver,
/// the real operator process whose Jobs run the real worker process), with telemetry switched on the way a cluster
/// would: the standard OTEL_* variables in the operator's environment pointing at an <see cref="OtlpReceiver"/>,
/// and /metrics on a known port. The Jobs get their OTEL_* variables and TRACEPARENT from the operator only.
/// </summary>
public sealed class TelemetryEnvironment : IAsyncLifetime
{
    readonly S3rverFixture _s3 = new();
    int _namespaces;

    public OtlpReceiver Receiver { get; } = new();
    public TestApiServer.TestApiServer Api { get; private set; } = null!;
    public IKubernetes Client { get; private set; } = null!;
    public IObjectStore Store { get; private set; } = null!;
    public string Bucket { get; } = S3rverFixture.NewBucketName();
    public OperatorProcess Operator { get; private set; } = null!;
    public ResourceClient<HeadlessImport> Imports { get; private set; } = null!;
    public int MetricsPort { get; } = FreePort();

    public async Task InitializeAsync()
    {
        await _s3.InitializeAsync();
        var options = new TestApiServer.TestApiServerOptions
        {
            JobRunner = new LocalJobRunnerOptions
            {
                Image = OperatorEnvironment.WorkerImage,
                Executable = "dotnet",
                LeadingArguments = [OperatorProcess.ExecutablePath],
                DropEntrypoint = true,
            },
        };
        options.CrdPaths.Add(RepositoryPaths.Of("config", "crd"));
        Api = await TestApiServer.TestApiServer.StartAsync(options);
        Client = Api.CreateClient();
        var storage = _s3.Options(Bucket);
        Store = new S3ObjectStore(S3ClientFactory.Create(storage), storage);
        Imports = new ResourceClient<HeadlessImport>(Client, OperatorHost.ImportKind);
        List<string> arguments =
        [
            "--kubeconfig", Api.KubeconfigPath,
            "--leader-elect", "false",
            "--health-port", "-1",
            "--metrics-port", MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--log-format", "json",
            "--storage-bucket", Bucket,
            "--storage-endpoint", storage.ServiceUrl!,
            "--storage-region", "us-east-1",
            "--storage-force-path-style", "true",
            "--storage-access-key-id-file", storage.AccessKeyIdFile!,
            "--storage-secret-access-key-file", storage.SecretAccessKeyFile!,
            "--worker-image", OperatorEnvironment.WorkerImage,
            "--upload-scan-interval", "0.3",
            "--running-check-interval", "1",
        ];
        Operator = new OperatorProcess(arguments, new Dictionary<string, string>
        {
            ["DOTNET_gcServer"] = "0",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        });
        Operator.Start();
    }

    public async Task<string> NewNamespaceAsync(string stem = "otel")
    {
        var name = $"{stem}-{Interlocked.Increment(ref _namespaces)}-{Guid.NewGuid().ToString("N")[..6]}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    public Task<HeadlessImport> CreateAsync(HeadlessImport import) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync<HeadlessImport>(import, ApiGroup.Group, ApiGroup.Version, import.Metadata.NamespaceProperty, HeadlessImport.Plural);

    /// <summary>Polls until the import satisfies <paramref name="condition"/>; fails with its status and the operator's log.</summary>
    public async Task<HeadlessImport> WaitAsync(string ns, string name, Func<HeadlessImport, bool> condition, string description, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        HeadlessImport? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await Imports.GetAsync(new ObjectKey(ns, name), CancellationToken.None);
            if (condition(last)) return last;
            await Task.Delay(100);
        }
        var status = last is null ? "(none)" : System.Text.Json.JsonSerializer.Serialize(last.Status, ImportOperator.Api.ApiJson.Options);
        throw new TimeoutException($"HeadlessImport {ns}/{name} did not become {description}. Last status: {status}\n--- operator log (tail) ---\n{string.Join("\n", Operator.Log.Split('\n').TakeLast(40))}");
    }

    /// <summary>Waits until <paramref name="find"/> finds something in what was received (exporters send in batches).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<T?> find, string description, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (find() is { } found) return found;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Never received: {description}");
    }

    public static Task<T> EventuallyAsync<T>(Func<Task<T?>> find, string description, TimeSpan? timeout = null) where T : class =>
        EventuallyCoreAsync(find, description, timeout);

    static async Task<T> EventuallyCoreAsync<T>(Func<Task<T?>> find, string description, TimeSpan? timeout) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (await find() is { } found) return found;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Never received: {description}");
    }

    static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (Operator is not null) await Operator.DisposeAsync();
        if (Api is not null) await Api.DisposeAsync();
        await _s3.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
