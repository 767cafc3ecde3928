using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImportOperator.Runtime;

/// <summary>The list envelope the API returns for any kind (items plus the list's resourceVersion).</summary>
public sealed class ResourceList<T> : IKubernetesObject<V1ListMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    [JsonPropertyName("items")] public List<T> Items { get; set; } = [];
}
