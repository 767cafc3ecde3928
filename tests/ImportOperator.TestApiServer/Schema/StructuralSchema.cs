using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Schema;

/// <summary>
/// One node of a CRD's structural OpenAPI v3 schema, read once from the CRD's JSON (the subset apiextensions v1
/// allows and the project's CRDs use: types, properties, items, additionalProperties, bounds, enum, pattern,
/// format, default, nullable, preserve-unknown-fields, list-type map, and x-kubernetes-validations).
/// </summary>
internal sealed class StructuralSchema
{
    public string? Type { get; private init; }
    public string? Format { get; private init; }
    public IReadOnlyDictionary<string, StructuralSchema> Properties { get; private init; } = new Dictionary<string, StructuralSchema>();
    public IReadOnlyList<string> Required { get; private init; } = [];
    public StructuralSchema? Items { get; private init; }
    public StructuralSchema? AdditionalProperties { get; private init; }
    public bool PreserveUnknownFields { get; private init; }
    public bool Nullable { get; private init; }
    public IReadOnlyList<JsonNode?>? Enum { get; private init; }
    public double? Minimum { get; private init; }
    public double? Maximum { get; private init; }
    public long? MinLength { get; private init; }
    public long? MaxLength { get; private init; }
    public long? MinItems { get; private init; }
    public long? MaxItems { get; private init; }
    public string? Pattern { get; private init; }
    public JsonNode? Default { get; private init; }
    public string? ListType { get; private init; }
    public IReadOnlyList<string> ListMapKeys { get; private init; } = [];
    public IReadOnlyList<CelValidationRule> Rules { get; private init; } = [];

    public static StructuralSchema Parse(JsonNode node, string path)
    {
        var properties = new Dictionary<string, StructuralSchema>(StringComparer.Ordinal);
        if (node["properties"] is JsonObject declared)
            foreach (var (name, child) in declared)
                properties[name] = Parse(child!, $"{path}.{name}");

        return new StructuralSchema
        {
            Type = (string?)node["type"],
            Format = (string?)node["format"],
            Properties = properties,
            Required = node["required"] is JsonArray required ? [.. required.Select(r => (string)r!)] : [],
            Items = node["items"] is JsonObject items ? Parse(items, path + "[*]") : null,
            AdditionalProperties = node["additionalProperties"] is JsonObject additional ? Parse(additional, path + "[*]") : null,
            PreserveUnknownFields = (bool?)node["x-kubernetes-preserve-unknown-fields"] ?? false,
            Nullable = (bool?)node["nullable"] ?? false,
            Enum = node["enum"] is JsonArray values ? [.. values.Select(v => v?.DeepClone())] : null,
            Minimum = (double?)node["minimum"],
            Maximum = (double?)node["maximum"],
            MinLength = (long?)node["minLength"],
            MaxLength = (long?)node["maxLength"],
            MinItems = (long?)node["minItems"],
            MaxItems = (long?)node["maxItems"],
            Pattern = (string?)node["pattern"],
            Default = node["default"]?.DeepClone(),
            ListType = (string?)node["x-kubernetes-list-type"],
            ListMapKeys = node["x-kubernetes-list-map-keys"] is JsonArray keys ? [.. keys.Select(k => (string)k!)] : [],
            Rules = node["x-kubernetes-validations"] is JsonArray rules
                ? [.. rules.Select(rule => CelValidationRule.Compile(rule!, path))]
                : [],
        };
    }
}
