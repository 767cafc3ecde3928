using System.Net;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Operator.Hosting;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using k8s.Models;

namespace ImportOperator.Cli.Import;

/// <summary>The API calls the import verbs make, in one namespace: HeadlessImports, ImportSchemas and the processing pods' logs.</summary>
public sealed class ImportCluster : IDisposable
{
    private readonly IKubernetes _client;

    private ImportCluster(IKubernetes client, string ns)
    {
        _client = client;
        Namespace = ns;
    }

    public string Namespace { get; }

    /// <summary>Connects the way kubectl does; a missing file or unknown context is a usage error naming the flag.</summary>
    public static ImportCluster Connect(string? kubeconfig, string? context, string? ns)
    {
        if (kubeconfig is not null && !File.Exists(kubeconfig))
            throw new UsageException($"--kubeconfig {kubeconfig}: no such file.");
        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesConnection.Configure(kubeconfig, context);
        }
        catch (KubeConfigException e)
        {
            throw new UsageException(context is null ? $"kubeconfig: {e.Message}" : $"--context {context}: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.Message);
        }
        var effectiveNamespace = !string.IsNullOrWhiteSpace(ns) ? ns
            : !string.IsNullOrWhiteSpace(configuration.Namespace) ? configuration.Namespace
            : "default";
        return new ImportCluster(new Kubernetes(configuration), effectiveNamespace);
    }

    public Task<HeadlessImport> CreateAsync(HeadlessImport import, CancellationToken ct) =>
        _client.CustomObjects.CreateNamespacedCustomObjectAsync<HeadlessImport>(import, ApiGroup.Group, ApiGroup.Version, Namespace, HeadlessImport.Plural, cancellationToken: ct);

    /// <summary>The import, or null when there is none by that name.</summary>
    public async Task<HeadlessImport?> FindAsync(string name, CancellationToken ct)
    {
        try { return await _client.CustomObjects.GetNamespacedCustomObjectAsync<HeadlessImport>(ApiGroup.Group, ApiGroup.Version, Namespace, HeadlessImport.Plural, name, ct); }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    /// <summary>The import; a missing one is a usage error (exit 1) naming it and the namespace.</summary>
    public async Task<HeadlessImport> GetAsync(string name, CancellationToken ct) =>
        await FindAsync(name, ct) ?? throw new UsageException($"no HeadlessImport '{name}' in namespace '{Namespace}'.");

    public async Task<bool> SchemaExistsAsync(string name, CancellationToken ct)
    {
        try
        {
            await _client.CustomObjects.GetNamespacedCustomObjectAsync<ImportSchema>(ApiGroup.Group, ApiGroup.Version, Namespace, ImportSchema.Plural, name, ct);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound) { return false; }
    }

    /// <summary>The pods of a Job, oldest first (each is one attempt).</summary>
    public async Task<IReadOnlyList<V1Pod>> PodsOfJobAsync(string jobName, CancellationToken ct)
    {
        var pods = await _client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: $"job-name={jobName}", cancellationToken: ct);
        return pods.Items.OrderBy(p => p.Metadata.CreationTimestamp ?? DateTime.MinValue).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();
    }

    public Task<Stream> PodLogAsync(string podName, CancellationToken ct) =>
        _client.CoreV1.ReadNamespacedPodLogAsync(podName, Namespace, cancellationToken: ct);

    public void Dispose() => _client.Dispose();
}
