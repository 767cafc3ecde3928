using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Http;
using ImportOperator.TestApiServer.Jobs;
using ImportOperator.TestApiServer.Storage;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportOperator.TestApiServer;

/// <summary>
/// A Kubernetes API server for tests: real HTTP on 127.0.0.1 at a port picked at run time, generic storage for
/// any kind, watches with history and bookmarks, and fault injection. Dispose stops it (and any local Jobs).
/// </summary>
public sealed class TestApiServer : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly LocalJobRunner? _jobRunner;
    readonly string _workDir;

    TestApiServer(WebApplication app, ObjectStore store, FaultInjector faults, PodLogStore logs, LocalJobRunner? jobRunner, Uri baseUri, string workDir)
    {
        _app = app;
        Store = store;
        Faults = faults;
        PodLogs = logs;
        _jobRunner = jobRunner;
        BaseUri = baseUri;
        _workDir = workDir;
        KubeconfigPath = Path.Combine(workDir, "kubeconfig");
        File.WriteAllText(KubeconfigPath, Kubeconfig());
    }

    public Uri BaseUri { get; }
    public string KubeconfigPath { get; }
    public ObjectStore Store { get; }
    public FaultInjector Faults { get; }
    public PodLogStore PodLogs { get; }

    /// <summary>The local Job runner when <see cref="TestApiServerOptions.JobRunner"/> was set (faults, node crashes); null otherwise.</summary>
    public LocalJobRunner? JobRunner => _jobRunner;

    /// <summary>A client configuration pointing at this server (no TLS, a fixed bearer token).</summary>
    public KubernetesClientConfiguration ClientConfiguration() => new() { Host = BaseUri.ToString().TrimEnd('/'), AccessToken = "test-token" };

    public IKubernetes CreateClient() => new Kubernetes(ClientConfiguration());

    /// <summary>A client whose calls are spared injected failures and latency (<see cref="FaultInjector.ExemptHeader"/>).</summary>
    public IKubernetes CreateFaultExemptClient() => new Kubernetes(ClientConfiguration(), new FaultExemptHandler());

    sealed class FaultExemptHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation(FaultInjector.ExemptHeader, "true");
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Forgets watch history: any watch resuming from before now receives 410 Gone.</summary>
    public void Compact() => Store.Compact();

    public static async Task<TestApiServer> StartAsync(TestApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TestApiServerOptions();
        var registry = new ResourceRegistry(options.ValidateCustomResources);
        var store = new ObjectStore(registry, options.WatchHistoryWindow);
        var faults = new FaultInjector();
        var logs = new PodLogStore();
        foreach (var ns in options.Namespaces)
            store.Create(registry.Find("", "v1", "namespaces")!, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        foreach (var crd in CrdFiles.Load(options.CrdPaths))
            store.Create(registry.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!, null, crd);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, options.Port);
            // A watcher that reads slowly (a client starved of CPU) must not have its stream cut after 5 s, as
            // Kestrel's default minimum response rate would: the real API server buffers for slow watchers.
            k.Limits.MinResponseDataRate = null;
        });
        var app = builder.Build();
        string address = "";
        var handler = new ApiRequestHandler(store, faults, options, logs, () => address);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUri = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        address = $"{baseUri.Host}:{baseUri.Port}";
        var workDir = Directory.CreateTempSubdirectory("test-apiserver-").FullName;
        var runner = options.JobRunner is null ? null : new LocalJobRunner(store, logs, options.JobRunner);
        return new TestApiServer(app, store, faults, logs, runner, baseUri, workDir);
    }

    string Kubeconfig() => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: {BaseUri.ToString().TrimEnd('/')}
        users:
        - name: test
          user:
            token: test-token
        contexts:
        - name: test
          context:
            cluster: test
            user: test
            namespace: default
        current-context: test
        """;

    public async ValueTask DisposeAsync()
    {
        if (_jobRunner is not null) await _jobRunner.DisposeAsync();
        Faults.CloseAllWatches();
        await _app.StopAsync(TimeSpan.FromSeconds(5) is var t ? new CancellationTokenSource(t).Token : default);
        await _app.DisposeAsync();
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { }
    }
}
