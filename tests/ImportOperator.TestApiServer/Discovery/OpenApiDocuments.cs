using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Storage;

namespace ImportOperator.TestApiServer.Discovery;

/// <summary>
/// OpenAPI v3 as kubectl reads it: a root listing one document per group/version, and per group/version the
/// resource paths (marked with x-kubernetes-action and the kind, patch accepting fieldValidation so kubectl
/// leaves validation to the server) and one schema per kind (a CRD's own schema when it has one).
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject Root(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var gv in registry.All.Select(t => GroupVersionPath(t.Group, t.Version)).Distinct().Order(StringComparer.Ordinal))
            paths[gv] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gv}?hash={registry.All.Count}" };
        return new JsonObject { ["paths"] = paths };
    }

    static string GroupVersionPath(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    public static JsonObject? GroupVersion(ResourceRegistry registry, string gvPath)
    {
        var types = registry.All.Where(t => GroupVersionPath(t.Group, t.Version) == gvPath).ToList();
        if (types.Count == 0) return null;
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var t in types)
        {
            var prefix = "/" + gvPath + (t.Namespaced ? "/namespaces/{namespace}/" : "/") + t.Plural;
            paths[prefix] = new JsonObject
            {
                ["get"] = Operation(t, "list"),
                ["post"] = Operation(t, "post", withFieldValidation: true),
            };
            paths[prefix + "/{name}"] = new JsonObject
            {
                ["get"] = Operation(t, "get"),
                ["put"] = Operation(t, "put", withFieldValidation: true),
                ["patch"] = Operation(t, "patch", withFieldValidation: true),
                ["delete"] = Operation(t, "delete"),
            };
            var schema = t.OpenApiSchema?.DeepClone() as JsonObject ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
            var properties = schema["properties"] as JsonObject ?? (JsonObject)(schema["properties"] = new JsonObject());
            properties["apiVersion"] = new JsonObject { ["type"] = "string" };
            properties["kind"] = new JsonObject { ["type"] = "string" };
            properties["metadata"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
            schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(t));
            schemas[SchemaId(t)] = schema;
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.35.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    static string SchemaId(ResourceType t)
    {
        var group = t.Group.Length == 0 ? "io.k8s.api.core" : string.Join('.', t.Group.Split('.').Reverse());
        return $"{group}.{t.Version}.{t.Kind}";
    }

    static JsonObject Gvk(ResourceType t) => new() { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind };

    static JsonObject Operation(ResourceType t, string action, bool withFieldValidation = false)
    {
        var parameters = new JsonArray();
        if (withFieldValidation)
        {
            foreach (var name in (string[])["dryRun", "fieldManager", "fieldValidation"])
                parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } });
        }
        return new JsonObject
        {
            ["operationId"] = $"{action}{t.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = Gvk(t),
        };
    }
}
