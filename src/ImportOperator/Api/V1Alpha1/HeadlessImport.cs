using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImportOperator.Api.V1Alpha1;

/// <summary>One import of one file (Dromo's headless import), declared as a Kubernetes object.</summary>
[Description("HeadlessImport imports one file (or inline rows) against a schema and delivers clean JSON results.")]
public sealed class HeadlessImport : IKubernetesObject<V1ObjectMeta>, ISpec<HeadlessImportSpec>, IStatus<HeadlessImportStatus?>
{
    public const string KindName = "HeadlessImport";
    public const string Plural = "headlessimports";
    public const string ShortName = "hi";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ApiGroup.ApiVersion;
    [JsonPropertyName("kind")] public string Kind { get; set; } = KindName;
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [Required, JsonPropertyName("spec")] public HeadlessImportSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public HeadlessImportStatus? Status { get; set; }
}
