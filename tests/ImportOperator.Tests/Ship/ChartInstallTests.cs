using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.TestApiServer.Jobs;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImportOperator.Tests.Ship;

/// <summary>
/// The chart as installed: rendered by helm, applied by kubectl to the test API server, and the operator started
/// from the build with the rendered Deployment's args, environment and mounted ConfigMap and Secrets. A user then
/// follows NOTES.txt: applies the samples, PUTs the file to status.upload, and downloads the results.
/// </summary>
[Collection(ImportOperator.Tests.Operator.Support.OperatorCollection.Name)]
public sealed class ChartInstallTests : IAsyncLifetime
{
    const string WorkerImageRepository = "import-operator-chart-test";
    const string WorkerImageTag = "dev";
    const string ImportsNamespace = "crm"; // the samples' namespace

    readonly S3rverFixture _s3 = new();
    readonly string _work = Directory.CreateTempSubdirectory("chart-install-").FullName;
    TestApiServer.TestApiServer _api = null!;
    IKubernetes _client = null!;
    LocalPod? _operator;

    public async Task InitializeAsync()
    {
        await _s3.InitializeAsync();
        var options = new TestApiServer.TestApiServerOptions
        {
            JobRunner = new LocalJobRunnerOptions
            {
                Image = $"{WorkerImageRepository}:{WorkerImageTag}",
                Executable = "dotnet",
                LeadingArguments = [Path.Combine(AppContext.BaseDirectory, "import-operator.dll")],
                DropEntrypoint = true,
            },
        };
        // No CRDs up front: the chart installs them.
        _api = await TestApiServer.TestApiServer.StartAsync(options);
        _client = _api.CreateClient();
        StandInKinds.Register(_api);
    }

    [Fact]
    public async Task The_applied_chart_brings_up_an_operator_that_completes_the_sample_import()
    {
        var bucket = S3rverFixture.NewBucketName();
        var values = Path.Combine(_work, "values.yaml");
        await File.WriteAllTextAsync(values, $"""
            image:
              repository: {WorkerImageRepository}
              tag: {WorkerImageTag}
            storage:
              bucket: {bucket}
              endpoint: {_s3.ServiceUrl}
              region: us-east-1
              forcePathStyle: true
              credentials:
                accessKeyId: {S3rverFixture.AccessKey}
                secretAccessKey: {S3rverFixture.SecretKey}
            operator:
              uploadScanIntervalSeconds: 1
              runningCheckIntervalSeconds: 1
            """);
        var rendered = RenderedChart.TryRender([values]);
        Assert.True(rendered.ExitCode == 0, rendered.Describe("helm template"));
        var manifest = Path.Combine(_work, "rendered.yaml");
        await File.WriteAllTextAsync(manifest, rendered.Output);

        await CreateNamespaceAsync(RenderedChart.Namespace);
        var apply = ShipTools.RunKubectl(_api.KubeconfigPath, "apply", "--namespace", RenderedChart.Namespace, "-f", manifest);
        Assert.True(apply.ExitCode == 0, apply.Describe("kubectl apply of the rendered chart"));
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/headlessimports.importoperator.io created", apply.Output);
        Assert.Contains("deployment.apps/shop-import-operator created", apply.Output);

        // The Deployment as the cluster holds it, run as its pod would be (one replica; the Lease is still contested).
        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("shop-import-operator", RenderedChart.Namespace);
        var healthPort = FreePort();
        _operator = await LocalPod.StartAsync(_client, deployment, "operator", new Dictionary<string, string>
        {
            // What the in-cluster service account gives a real pod.
            ["KUBECONFIG"] = _api.KubeconfigPath,
            // The container port, mapped to a free one so runs never collide.
            [$"{Configuration.AppConfiguration.EnvironmentPrefix}Operator__HealthPort"] = healthPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DOTNET_gcServer"] = "0",
        });
        Assert.Equal(["operator", "--config"], _operator.Arguments.Take(2));

        // The readiness probe as the kubelet sends it, and the leader's Lease in the operator's own namespace.
        var readiness = deployment.Spec.Template.Spec.Containers.Single().ReadinessProbe.HttpGet.Path;
        await WaitAsync(async () => await ProbeAsync(healthPort, readiness) == HttpStatusCode.OK, $"GET {readiness} answers 200");
        var lease = await WaitForAsync(() => LeaseHolderAsync("import-operator-leader"), "the operator holds the leader Lease");
        // The identity is <hostname>-<random>; in a pod the hostname is the pod's name.
        Assert.StartsWith(Environment.MachineName + "-", lease);

        // NOTES.txt's next steps.
        await CreateNamespaceAsync(ImportsNamespace);
        var samples = ShipTools.RunKubectl(_api.KubeconfigPath, "apply", "-f", RepositoryPaths.Of("samples", "contacts-schema.yaml"), "-f", RepositoryPaths.Of("samples", "contacts-import.yaml"));
        Assert.True(samples.ExitCode == 0, samples.Describe("kubectl apply of the samples"));
        const string name = "contacts-2026-11";
        var waiting = await WaitForPhaseAsync(name, ImportPhases.AwaitingUpload);
        using (var http = new HttpClient())
        using (var body = new ByteArrayContent(await File.ReadAllBytesAsync(RepositoryPaths.Of("samples", "contacts.csv"))))
        using (var put = await http.PutAsync(waiting.Status!.Upload, body))
            Assert.True(put.IsSuccessStatusCode, $"PUT to status.upload answered {(int)put.StatusCode}");
        var done = await WaitForPhaseAsync(name, ImportPhases.Successful);

        using var download = new HttpClient();
        var data = JsonNode.Parse(await download.GetStringAsync(done.Status!.Result!.DataUrl))!.AsArray();
        Assert.Equal(done.Status.ResultMetadata!.NumResultRows, data.Count);
        Assert.True(data.Count > 0);
        // The worker ran as the chart's worker service account, provisioned by the operator in the import's namespace.
        var job = (await _client.BatchV1.ListNamespacedJobAsync(ImportsNamespace)).Items.Single();
        Assert.Equal("shop-import-operator-worker", job.Spec.Template.Spec.ServiceAccountName);
        Assert.Equal($"{WorkerImageRepository}:{WorkerImageTag}", job.Spec.Template.Spec.Containers.Single().Image);
        Assert.NotNull(await _client.CoreV1.ReadNamespacedServiceAccountAsync("shop-import-operator-worker", ImportsNamespace));
        Assert.NotNull(await _client.CoreV1.ReadNamespacedSecretAsync("shop-import-operator-storage", ImportsNamespace));
    }

    // kubectl create namespace sends protobuf, which the test API server does not speak; kubectl apply sends JSON.
    Task CreateNamespaceAsync(string name) => _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });

    async Task<HeadlessImport> WaitForPhaseAsync(string name, string phase) =>
        await WaitForAsync(async () =>
        {
            var import = await _client.CustomObjects.GetNamespacedCustomObjectAsync<HeadlessImport>(ApiGroup.Group, ApiGroup.Version, ImportsNamespace, HeadlessImport.Plural, name);
            return import.Status?.Phase == phase ? import : null;
        }, $"HeadlessImport {ImportsNamespace}/{name} reaches {phase}");

    async Task<string?> LeaseHolderAsync(string leaseName)
    {
        try { return (await _client.CoordinationV1.ReadNamespacedLeaseAsync(leaseName, RenderedChart.Namespace)).Spec?.HolderIdentity; }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    static async Task<HttpStatusCode?> ProbeAsync(int port, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try { return (await http.GetAsync($"http://127.0.0.1:{port}{path}")).StatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return null; }
    }

    async Task WaitAsync(Func<Task<bool>> condition, string what) =>
        await WaitForAsync(async () => await condition() ? "yes" : null, what);

    /// <summary>Polls (generous deadline: the machine is shared) and fails with the operator's log.</summary>
    async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            if (_operator is { HasExited: true }) break;
            await Task.Delay(200);
        }
        var log = _operator?.Log ?? "";
        throw new TimeoutException($"Timed out waiting until {what}.\n--- operator log (tail) ---\n{string.Join('\n', log.Split('\n').TakeLast(60))}");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (_operator is not null) await _operator.DisposeAsync();
        if (_api is not null) await _api.DisposeAsync();
        await _s3.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }
}
