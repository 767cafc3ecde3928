using System.Globalization;
using System.Text;
using k8s.Models;

namespace ImportOperator.Crds;

/// <summary>
/// The field-by-field reference of both resources as Markdown tables, generated from the same schemas as the CRDs
/// so docs/resources.md cannot drift from what the API server enforces.
/// </summary>
public static class ResourceReference
{
    public const string BeginMarker = "<!-- BEGIN GENERATED FIELD REFERENCE (import-operator crds --docs docs/resources.md) -->";
    public const string EndMarker = "<!-- END GENERATED FIELD REFERENCE -->";

    /// <summary>The tables for every resource, between the markers.</summary>
    public static string Render()
    {
        var markdown = new StringBuilder();
        markdown.Append(BeginMarker).Append('\n');
        foreach (var descriptor in ImportOperatorCrds.All)
        {
            var crd = ImportOperatorCrds.Generate(descriptor);
            var root = crd.Spec.Versions[0].Schema.OpenAPIV3Schema;
            foreach (var part in new[] { "spec", "status" })
            {
                markdown.Append($"\n### {descriptor.Kind} `{part}`\n\n");
                markdown.Append("| Field | Type | Required | Description |\n|---|---|---|---|\n");
                AppendRows(markdown, root.Properties[part], part, required: false);
            }
        }
        markdown.Append('\n').Append(EndMarker);
        return markdown.ToString();
    }

    /// <summary>Replaces the generated part of <paramref name="document"/> (between the markers) with a fresh one.</summary>
    public static string UpdateDocument(string document)
    {
        var begin = document.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = document.IndexOf(EndMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
            throw new InvalidOperationException($"The document has no '{BeginMarker}' ... '{EndMarker}' section.");
        return document[..begin] + Render() + document[(end + EndMarker.Length)..];
    }

    private static void AppendRows(StringBuilder markdown, V1JSONSchemaProps schema, string path, bool required)
    {
        markdown.Append($"| `{path}` | {TypeOf(schema)} | {(required ? "yes" : "")} | {Describe(schema)} |\n");
        var objectSchema = schema.Type == "array" && schema.Items is V1JSONSchemaProps items ? items : schema;
        var childPrefix = schema.Type == "array" ? path + "[]" : path;
        if (objectSchema.Properties is null) return;
        foreach (var (name, child) in objectSchema.Properties)
            AppendRows(markdown, child, $"{childPrefix}.{name}", objectSchema.Required?.Contains(name) == true);
    }

    private static string TypeOf(V1JSONSchemaProps schema) => schema switch
    {
        { Type: "array", Items: V1JSONSchemaProps items } => $"[]{TypeOf(items)}",
        { Type: "object", AdditionalProperties: V1JSONSchemaProps values } => $"map[string]{TypeOf(values)}",
        { XKubernetesPreserveUnknownFields: true, Type: null } => "any",
        { Format: "date-time" } => "date-time",
        _ => schema.Type ?? "any",
    };

    private static string Describe(V1JSONSchemaProps schema)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(schema.Description)) parts.Add(schema.Description);
        if (schema.EnumProperty is { Count: > 0 } values) parts.Add("One of " + string.Join(", ", values.Select(v => $"`{v}`")) + ".");
        if (schema.DefaultProperty is { } defaultValue) parts.Add($"Default `{defaultValue}`.");
        if (schema.Minimum is { } minimum) parts.Add($"At least {Number(minimum)}.");
        if (schema.Maximum is { } maximum) parts.Add($"At most {Number(maximum)}.");
        if (schema.MinLength is { } minLength) parts.Add($"At least {minLength} characters.");
        if (schema.MaxLength is { } maxLength) parts.Add($"At most {maxLength} characters.");
        if (schema.MinItems is { } minItems) parts.Add($"At least {minItems} items.");
        if (schema.MaxItems is { } maxItems) parts.Add($"At most {maxItems} items.");
        if (schema.XKubernetesPreserveUnknownFields == true) parts.Add("Free-form: kept as written.");
        if (schema.XKubernetesValidations is { Count: > 0 } rules)
            parts.Add("Rules: " + string.Join("; ", rules.Select(rule => rule.Message)) + ".");
        if (schema.Items is V1JSONSchemaProps { XKubernetesValidations: { Count: > 0 } itemRules })
            parts.Add("Each item: " + string.Join("; ", itemRules.Select(rule => rule.Message)) + ".");
        return string.Join(" ", parts).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
