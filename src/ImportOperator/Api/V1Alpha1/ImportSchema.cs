using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using ImportOperator.Engine.Schema;
using k8s;
using k8s.Models;

namespace ImportOperator.Api.V1Alpha1;

/// <summary>A saved schema (Dromo's schema_id), referenced by HeadlessImports in the same namespace.</summary>
[Description("ImportSchema is a saved schema: fields, settings and hooks that HeadlessImports reference by name.")]
public sealed class ImportSchema : IKubernetesObject<V1ObjectMeta>, ISpec<ImportSchemaSpec>, IStatus<ImportSchemaStatus?>
{
    public const string KindName = "ImportSchema";
    public const string Plural = "importschemas";
    public const string ShortName = "isch";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ApiGroup.ApiVersion;
    [JsonPropertyName("kind")] public string Kind { get; set; } = KindName;
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [Required, JsonPropertyName("spec")] public ImportSchemaSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public ImportSchemaStatus? Status { get; set; }
}

/// <summary>The saved schema.</summary>
public sealed class ImportSchemaSpec
{
    [Required, MinLength(1), MaxLength(SchemaLimits.MaxFields)]
    [Description("The fields of the schema, in result order.")]
    public List<FieldDefinition> Fields { get; set; } = [];

    [Description("Default settings of imports that use this schema.")]
    public ImportSettings? Settings { get; set; }

    [Description("Default hooks of imports that use this schema.")]
    public HookDefinitions? Hooks { get; set; }
}

/// <summary>Whether the schema is usable. Written by the operator only.</summary>
public sealed class ImportSchemaStatus
{
    [Description("The spec generation this status describes.")]
    public long? ObservedGeneration { get; set; }

    [Description("Ready is True when every field, validator and hook is valid; False with the problem otherwise.")]
    public List<V1Condition>? Conditions { get; set; }

    [Description("Number of fields in the schema.")]
    public int? FieldCount { get; set; }
}
