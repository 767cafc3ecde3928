using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Schema;

/// <summary>
/// What kube-apiserver does to a custom object before validating it: drops null values of non-nullable fields,
/// prunes fields the schema does not declare (unless x-kubernetes-preserve-unknown-fields), and fills in defaults.
/// </summary>
internal static class SchemaNormalizer
{
    /// <summary>
    /// Normalizes the root object. <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> are the API server's own: kept
    /// even when the schema does not declare them (most CRDs do not), as kube-apiserver's pruning keeps them.
    /// </summary>
    public static void NormalizeRoot(JsonObject root, StructuralSchema schema)
    {
        NormalizeObject(root, schema, isRoot: true);
    }

    private static void Normalize(JsonNode? node, StructuralSchema schema)
    {
        switch (node)
        {
            case JsonObject obj:
                NormalizeObject(obj, schema, isRoot: false);
                break;
            case JsonArray array when schema.Items is { } items:
                foreach (var item in array) Normalize(item, items);
                break;
        }
    }

    private static void NormalizeObject(JsonObject obj, StructuralSchema schema, bool isRoot)
    {
        foreach (var (name, value) in obj.ToList())
        {
            if (isRoot && name is "apiVersion" or "kind" or "metadata") continue;
            var child = schema.Properties.GetValueOrDefault(name) ?? schema.AdditionalProperties;
            if (child is null)
            {
                if (!schema.PreserveUnknownFields) obj.Remove(name);
                continue;
            }
            if (value is null && !child.Nullable)
            {
                obj.Remove(name);
                continue;
            }
            Normalize(value, child);
        }
        foreach (var (name, child) in schema.Properties)
        {
            if (child.Default is null || obj.ContainsKey(name)) continue;
            var value = child.Default.DeepClone();
            obj[name] = value;
            Normalize(value, child);
        }
    }
}
