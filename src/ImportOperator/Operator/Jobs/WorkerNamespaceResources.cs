using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ImportOperator.Operator.Hosting;
using ImportOperator.Storage;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImportOperator.Operator.Jobs;

/// <summary>
/// What a processing Job needs in the import's namespace before it can start: the worker's service account and,
/// with static credentials, the storage Secret it reads them from. Created when absent (never overwritten, so an
/// installer's or a person's version wins) when <see cref="WorkerJobOptions.ProvisionNamespaces"/> is on.
/// </summary>
public sealed class WorkerNamespaceResources(IKubernetes client, WorkerJobOptions worker, ObjectStorageOptions storage)
{
    public const string AccessKeyIdKey = "accessKeyId";
    public const string SecretAccessKeyKey = "secretAccessKey";

    // Namespaces already checked by this process; a restart checks again (cheap: two GETs per namespace).
    readonly ConcurrentDictionary<string, bool> _ready = new(StringComparer.Ordinal);

    public async Task EnsureAsync(string ns, CancellationToken ct)
    {
        if (!worker.ProvisionNamespaces || _ready.ContainsKey(ns)) return;
        await EnsureServiceAccountAsync(ns, ct).ConfigureAwait(false);
        await EnsureSecretAsync(ns, ct).ConfigureAwait(false);
        _ready[ns] = true;
    }

    async Task EnsureServiceAccountAsync(string ns, CancellationToken ct)
    {
        var account = new V1ServiceAccount
        {
            Metadata = new V1ObjectMeta
            {
                Name = worker.ServiceAccountName,
                NamespaceProperty = ns,
                Labels = Labels(),
                Annotations = worker.ServiceAccountAnnotations.Count == 0 ? null : new Dictionary<string, string>(worker.ServiceAccountAnnotations),
            },
            AutomountServiceAccountToken = false,
        };
        await CreateIfAbsentAsync(() => client.CoreV1.CreateNamespacedServiceAccountAsync(account, ns, cancellationToken: ct)).ConfigureAwait(false);
    }

    async Task EnsureSecretAsync(string ns, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(worker.StorageSecretName)) return;
        if (string.IsNullOrWhiteSpace(storage.AccessKeyIdFile) || string.IsNullOrWhiteSpace(storage.SecretAccessKeyFile))
        {
            // Nothing to copy: the Secret must be provided per namespace (e.g. by the Helm chart); the Job's pod
            // reports CreateContainerConfigError until it exists, and the import fails with that in words.
            return;
        }
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = worker.StorageSecretName, NamespaceProperty = ns, Labels = Labels() },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]>
            {
                [AccessKeyIdKey] = Encoding.UTF8.GetBytes((await File.ReadAllTextAsync(storage.AccessKeyIdFile, ct).ConfigureAwait(false)).Trim()),
                [SecretAccessKeyKey] = Encoding.UTF8.GetBytes((await File.ReadAllTextAsync(storage.SecretAccessKeyFile, ct).ConfigureAwait(false)).Trim()),
            },
        };
        await CreateIfAbsentAsync(() => client.CoreV1.CreateNamespacedSecretAsync(secret, ns, cancellationToken: ct)).ConfigureAwait(false);
    }

    static Dictionary<string, string> Labels() => new()
    {
        [ImportLabels.ManagedBy] = ImportLabels.ManagedByValue,
        [ImportLabels.Component] = "worker",
    };

    static async Task CreateIfAbsentAsync<T>(Func<Task<T>> create)
    {
        try { await create().ConfigureAwait(false); }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict) { }
    }
}
