using System.Text.Json.Serialization;
using ImportOperator.Runtime;
using k8s;
using k8s.Models;

namespace ImportOperator.Runtime.Tests.Support;

/// <summary>The custom resource the tests reconcile (CRD in Fixtures/widgets-crd.yaml).</summary>
public sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    public static readonly ResourceKind Kind = new("test.example.com", "v1", "widgets", "Widget");

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "test.example.com/v1";
    [JsonPropertyName("kind")] string IKubernetesObject.Kind { get; set; } = "Widget";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public WidgetSpec? Spec { get; set; }
    [JsonPropertyName("status")] public WidgetStatus? Status { get; set; }
}

public sealed class WidgetSpec
{
    [JsonPropertyName("size")] public int Size { get; set; }
    [JsonPropertyName("color")] public string? Color { get; set; }
}

public sealed class WidgetStatus
{
    [JsonPropertyName("phase")] public string? Phase { get; set; }
    [JsonPropertyName("observedGeneration")] public long ObservedGeneration { get; set; }
}
