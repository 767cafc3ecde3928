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
    /// <param name="pruned">When given, receives the path of every field pruned as unknown.</param>
    public static void NormalizeRoot(JsonObject root, StructuralSchema schema, List<string>? pruned = null)
    {
        NormalizeObject(root, schema, path: "", pruned, isRoot: true);
    }

    private static void Normalize(JsonNode? node, StructuralSchema schema, string path, List<string>? pruned)
    {
        switch (node)
        {
            case JsonObject obj:
                NormalizeObject(obj, schema, path, pruned, isRoot: false);
                break;
            case JsonArray array when schema.Items is { } items:
                for (var i = 0; i < array.Count; i++) Normalize(array[i], items, SchemaPaths.Index(path, i), pruned);
                break;
        }
    }

    private static void NormalizeObject(JsonObject obj, StructuralSchema schema, string path, List<string>? pruned, bool isRoot)
    {
        foreach (var (name, value) in obj.ToList())
        {
            if (isRoot && name is "apiVersion" or "kind" or "metadata") continue;
            var declared = schema.Properties.GetValueOrDefault(name);
            var child = declared ?? schema.AdditionalProperties;
            if (child is null)
            {
                if (schema.PreserveUnknownFields) continue;
                obj.Remove(name);
                pruned?.Add(SchemaPaths.Child(path, name));
                continue;
            }
            if (value is null && !child.Nullable)
            {
                obj.Remove(name);
                continue;
            }
            Normalize(value, child, declared is null ? SchemaPaths.Key(path, name) : SchemaPaths.Child(path, name), pruned);
        }
        foreach (var (name, child) in schema.Properties)
        {
            if (child.Default is null || obj.ContainsKey(name)) continue;
            var value = child.Default.DeepClone();
            obj[name] = value;
            Normalize(value, child, SchemaPaths.Child(path, name), pruned);
        }
    }
}
