using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImportOperator.Runtime;

/// <summary>List, watch, read and patch for one kind, over KubernetesClient's generic custom-objects calls.</summary>
public sealed class ResourceClient<T>(IKubernetes client, ResourceKind kind) where T : class, IKubernetesObject<V1ObjectMeta>
{
    public ResourceKind Kind { get; } = kind;
    public IKubernetes Client { get; } = client;

    public async Task<ResourceList<T>> ListAsync(string? ns, string? labelSelector, CancellationToken ct)
    {
        HttpOperationResponse<ResourceList<T>> response = ns is null || !Kind.Namespaced
            ? await Client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<ResourceList<T>>(Kind.Group, Kind.Version, Kind.Plural, labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false)
            : await Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<ResourceList<T>>(Kind.Group, Kind.Version, ns, Kind.Plural, labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false);
        using (response) return response.Body;
    }

    /// <summary>
    /// A watch from <paramref name="resourceVersion"/>. Errors reported in the stream (an ERROR event, e.g. 410 Gone)
    /// go to <paramref name="onError"/>, as KubernetesClient reports them; a broken connection ends the enumeration.
    /// </summary>
    public IAsyncEnumerable<(WatchEventType, T)> WatchAsync(string? ns, string? labelSelector, string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken ct)
    {
        var response = ns is null || !Kind.Namespaced
            ? Client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<T>(Kind.Group, Kind.Version, Kind.Plural,
                allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: ct)
            : Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<T>(Kind.Group, Kind.Version, ns, Kind.Plural,
                allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: ct);
        // The non-obsolete WatchList*CustomObjectAsync yields untyped objects; this overload deserializes into T.
#pragma warning disable CS0618
        return response.WatchAsync<T, T>(onError, ct);
#pragma warning restore CS0618
    }

    public async Task<T> GetAsync(ObjectKey key, CancellationToken ct)
    {
        var result = key.Namespace is null
            ? await Client.CustomObjects.GetClusterCustomObjectAsync<T>(Kind.Group, Kind.Version, Kind.Plural, key.Name, ct).ConfigureAwait(false)
            : await Client.CustomObjects.GetNamespacedCustomObjectAsync<T>(Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name, ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>Patches the object (merge or JSON patch, by the V1Patch's type), or its status subresource.</summary>
    public async Task<T> PatchAsync(ObjectKey key, V1Patch patch, bool status, CancellationToken ct)
    {
        if (key.Namespace is null)
            return status
                ? await Client.CustomObjects.PatchClusterCustomObjectStatusAsync<T>(patch, Kind.Group, Kind.Version, Kind.Plural, key.Name, cancellationToken: ct).ConfigureAwait(false)
                : await Client.CustomObjects.PatchClusterCustomObjectAsync<T>(patch, Kind.Group, Kind.Version, Kind.Plural, key.Name, cancellationToken: ct).ConfigureAwait(false);
        return status
            ? await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<T>(patch, Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name, cancellationToken: ct).ConfigureAwait(false)
            : await Client.CustomObjects.PatchNamespacedCustomObjectAsync<T>(patch, Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name, cancellationToken: ct).ConfigureAwait(false);
    }
}
