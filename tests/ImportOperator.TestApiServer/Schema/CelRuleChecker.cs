using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Schema;

/// <summary>
/// Evaluates every x-kubernetes-validations rule of a schema over an object, each rule with <c>self</c> bound to
/// the value at its node and, on update, <c>oldSelf</c> bound to the correlated old value. As in kube-apiserver,
/// old values correlate through object fields, map keys and list-type=map/set items (not atomic lists), and a
/// transition rule is skipped where no old value correlates.
/// </summary>
internal static class CelRuleChecker
{
    public static void Check(JsonNode? node, JsonNode? oldNode, bool hasOld, StructuralSchema schema, string path, List<FieldError> errors, bool isRoot = false)
    {
        if (node is null) return;
        foreach (var rule in schema.Rules)
        {
            if (rule.IsTransitionRule && !hasOld) continue;
            if (rule.Check(node, oldNode) is { } problem)
            {
                var type = schema.Type ?? OpenApiValueValidator.JsonTypeOf(node);
                errors.Add(new(SchemaPaths.Relative(path, rule.FieldPath), $"Invalid value: \"{type}\": {problem}"));
            }
        }
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (isRoot && name == "metadata") continue;
                    var child = schema.Properties.GetValueOrDefault(name);
                    var childPath = child is null ? SchemaPaths.Key(path, name) : SchemaPaths.Child(path, name);
                    child ??= schema.AdditionalProperties;
                    if (child is null) continue;
                    var oldObject = hasOld ? oldNode as JsonObject : null;
                    var oldHasChild = oldObject?.ContainsKey(name) ?? false;
                    Check(value, oldHasChild ? oldObject![name] : null, oldHasChild, child, childPath, errors);
                }
                break;
            case JsonArray array when schema.Items is { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    var old = hasOld ? Correlate(array[i], oldNode as JsonArray, schema) : null;
                    Check(array[i], old, old is not null, items, SchemaPaths.Index(path, i), errors);
                }
                break;
        }
    }

    private static JsonNode? Correlate(JsonNode? item, JsonArray? oldArray, StructuralSchema schema)
    {
        if (oldArray is null || item is null) return null;
        foreach (var old in oldArray)
        {
            var same = schema.ListType switch
            {
                "map" => item is JsonObject current && old is JsonObject previous &&
                         schema.ListMapKeys.All(key => JsonNode.DeepEquals(current[key], previous[key])),
                "set" => JsonNode.DeepEquals(item, old),
                _ => false,
            };
            if (same) return old;
        }
        return null;
    }
}
