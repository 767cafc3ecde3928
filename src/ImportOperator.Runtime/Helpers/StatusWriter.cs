using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace ImportOperator.Runtime.Helpers;

/// <summary>
/// Writes status through the /status subresource with a JSON merge patch, guarded by resourceVersion; on 409 it
/// reads the object again, recomputes the status from it and retries. Spec and metadata are never touched, and the
/// write does not bump generation, so it does not re-trigger the controller.
/// </summary>
public static class StatusWriter
{
    public static Task<T> PatchStatusAsync<T, TStatus>(ResourceClient<T> client, T obj, Func<T, TStatus> computeStatus, CancellationToken ct, int maxAttempts = 5)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Conflicts.RetryOnConflictAsync(async attempt =>
        {
            var current = attempt == 1 ? obj : await client.GetAsync(ObjectKey.Of(obj), ct).ConfigureAwait(false);
            var status = JsonSerializer.SerializeToNode(computeStatus(current), KubernetesJsonOptions);
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = current.Metadata.ResourceVersion },
                ["status"] = status,
            };
            return await client.PatchAsync(ObjectKey.Of(current), new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), status: true, ct).ConfigureAwait(false);
        }, maxAttempts, ct);

    /// <summary>camelCase and no nulls, as the API expects; status types with KubernetesClient attributes also serialize right.</summary>
    static readonly JsonSerializerOptions KubernetesJsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
