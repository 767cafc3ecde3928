using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Api.V1Alpha1;

/// <summary>What to import: the body of Dromo's "create a new headless import" call, in Kubernetes naming.</summary>
[Description("What to import. Immutable after creation: an import is one-shot.")]
public sealed class HeadlessImportSpec
{
    [Description("An ImportSchema in the same namespace to import against. Exactly one of schemaRef and fields.")]
    public SchemaReference? SchemaRef { get; set; }

    [MinLength(1), MaxLength(SchemaLimits.MaxFields)]
    [Description("An inline schema. Exactly one of schemaRef and fields.")]
    public List<FieldDefinition>? Fields { get; set; }

    [Description("Import settings. With schemaRef, merged key by key over the schema's settings for this import only.")]
    public ImportSettings? Settings { get; set; }

    [Description("JavaScript hooks. With schemaRef, merged key by key over the schema's hooks for this import only.")]
    public HookDefinitions? Hooks { get; set; }

    [MinLength(1)]
    [Description("Name of the file that will be uploaded to status.upload. Exactly one of originalFilename and initialData.")]
    public string? OriginalFilename { get; set; }

    [Description("Inline rows to import instead of a file: an array of objects keyed by field key or by header. Exactly one of originalFilename and initialData.")]
    public List<JsonObject>? InitialData { get; set; }

    [Description("Who the import is for (Dromo's import_metadata.user); copied into the metadata and webhooks.")]
    public ImportUser? User { get; set; }
}
