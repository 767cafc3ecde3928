using System.Text.Json;
using k8s;
using k8s.Models;

namespace ImportOperator.Runtime.Helpers;

/// <summary>
/// Adds and removes one finalizer with a merge patch of the whole list guarded by the object's resourceVersion,
/// so a concurrent change to the list is never overwritten (409, then retry on a fresh read).
/// </summary>
public static class Finalizers
{
    public static bool Has(IKubernetesObject<V1ObjectMeta> obj, string finalizer) => obj.Metadata.Finalizers?.Contains(finalizer) == true;

    /// <summary>Ensures the finalizer is present; returns the object as stored.</summary>
    public static Task<T> AddAsync<T>(ResourceClient<T> client, T obj, string finalizer, CancellationToken ct) where T : class, IKubernetesObject<V1ObjectMeta> =>
        ChangeAsync(client, obj, finalizer, add: true, ct);

    /// <summary>Ensures the finalizer is absent (the API server deletes the object if it was the last one and deletion started).</summary>
    public static Task<T> RemoveAsync<T>(ResourceClient<T> client, T obj, string finalizer, CancellationToken ct) where T : class, IKubernetesObject<V1ObjectMeta> =>
        ChangeAsync(client, obj, finalizer, add: false, ct);

    static Task<T> ChangeAsync<T>(ResourceClient<T> client, T obj, string finalizer, bool add, CancellationToken ct) where T : class, IKubernetesObject<V1ObjectMeta> =>
        Conflicts.RetryOnConflictAsync(async attempt =>
        {
            var current = attempt == 1 ? obj : await client.GetAsync(ObjectKey.Of(obj), ct).ConfigureAwait(false);
            var list = current.Metadata.Finalizers?.ToList() ?? [];
            if (add == list.Contains(finalizer)) return current;
            if (add) list.Add(finalizer); else list.Remove(finalizer);
            var patch = JsonSerializer.Serialize(new
            {
                metadata = new { finalizers = list, resourceVersion = current.Metadata.ResourceVersion },
            });
            try
            {
                return await client.PatchAsync(ObjectKey.Of(current), new V1Patch(patch, V1Patch.PatchType.MergePatch), status: false, ct).ConfigureAwait(false);
            }
            catch (k8s.Autorest.HttpOperationException e) when (!add && Conflicts.IsNotFound(e))
            {
                return current; // Already gone: nothing left to release.
            }
        }, ct: ct);
}
