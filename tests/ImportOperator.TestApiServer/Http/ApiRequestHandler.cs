using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Discovery;
using ImportOperator.TestApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace ImportOperator.TestApiServer.Http;

/// <summary>Serves every API path: discovery, CRUD, patch, list, watch and tables, with injected faults first.</summary>
internal sealed partial class ApiRequestHandler(ObjectStore store, FaultInjector faults, TestApiServerOptions options, PodLogStore podLogs, Func<string> serverAddress)
{
    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        try
        {
            if (path.StartsWith("/_test/", StringComparison.Ordinal))
            {
                await TestControl(context, path);
                return;
            }
            var exempt = context.Request.Headers.ContainsKey(FaultInjector.ExemptHeader);
            if (!exempt && faults.Latency > TimeSpan.Zero) await Task.Delay(faults.Latency, context.RequestAborted);
            if (!exempt && faults.TakeFailure() is { } code)
            {
                if (code == 429) context.Response.Headers.RetryAfter = "1";
                var reason = code == 429 ? "TooManyRequests" : "InternalError";
                await WriteJson(context, code, ApiError.StatusBody(code, reason, code == 429 ? "Too many requests, please try again later." : "Internal error occurred: injected fault"));
                return;
            }
            await RouteAsync(context, path);
        }
        catch (ApiError e)
        {
            if (!context.Response.HasStarted) await WriteJson(context, e.Code, e.ToStatus());
        }
        catch (JsonException e)
        {
            if (!context.Response.HasStarted) await WriteJson(context, 400, ApiError.StatusBody(400, "BadRequest", $"the body of the request could not be decoded: {e.Message}"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested) { }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            await WriteJson(context, 500, ApiError.StatusBody(500, "InternalError", $"Internal error occurred: {e.GetType().Name}: {e.Message}"));
        }
    }

    async Task RouteAsync(HttpContext context, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        switch (segments)
        {
            case ["version"]: await WriteJson(context, 200, DiscoveryDocuments.Version()); return;
            case ["healthz"] or ["readyz"] or ["livez"]: context.Response.ContentType = "text/plain"; await context.Response.WriteAsync("ok"); return;
            case ["api"]: await WriteJson(context, 200, DiscoveryDocuments.CoreVersions(serverAddress())); return;
            case ["openapi", "v3"]: await WriteJson(context, 200, OpenApiDocuments.Root(store.Registry)); return;
            case ["openapi", "v3", ..]: await WriteJson(context, 200, OpenApiDocuments.GroupVersion(store.Registry, string.Join('/', segments[2..])) ?? throw ApiError.NotFoundPath(path)); return;
            case ["apis"]: await WriteJson(context, 200, DiscoveryDocuments.GroupList(store.Registry)); return;
            case ["apis", var g]: await WriteJson(context, 200, DiscoveryDocuments.Group(store.Registry, g) ?? throw ApiError.NotFoundPath(path)); return;
            case ["api", var v]: await WriteJson(context, 200, DiscoveryDocuments.ResourceList(store.Registry, "", v) ?? throw ApiError.NotFoundPath(path)); return;
            case ["apis", var g, var v]: await WriteJson(context, 200, DiscoveryDocuments.ResourceList(store.Registry, g, v) ?? throw ApiError.NotFoundPath(path)); return;
        }
        var target = RequestTarget.Parse(store.Registry, segments, out _, out _, out _) ?? throw ApiError.NotFoundPath(path);
        var query = context.Request.Query;
        var type = target.Type;

        if (target.Name is null)
        {
            switch (method)
            {
                case "GET" when IsTrue(query["watch"]):
                    await WatchAsync(context, target, null);
                    return;
                case "GET":
                    await ListAsync(context, target);
                    return;
                case "POST":
                {
                    var body = await ReadObject(context);
                    var fieldValidation = FieldValidation.FromQuery(query["fieldValidation"]);
                    var created = store.Create(type, target.Namespace, body, fieldValidation);
                    await WriteJson(context, 201, created, fieldValidation.Warnings);
                    return;
                }
                case "DELETE":
                {
                    var (items, _) = store.List(type, target.Namespace, Selector.ParseLabels(query["labelSelector"]), Selector.ParseFields(query["fieldSelector"]));
                    var options = await ReadOptionalObject(context);
                    foreach (var item in items)
                    {
                        try { store.Delete(type, item["metadata"]?["namespace"]?.GetValue<string>(), item["metadata"]!["name"]!.GetValue<string>(), options); }
                        catch (ApiError e) when (e.Code == 404) { }
                    }
                    await WriteJson(context, 200, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success" });
                    return;
                }
                default: throw ApiError.MethodNotAllowed(method);
            }
        }

        var name = target.Name;
        var statusOnly = target.Subresource == "status";
        switch (method)
        {
            case "GET" when target.Subresource == "log":
                store.Get(type, target.Namespace, name);
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync(podLogs.Read(target.Namespace!, name));
                return;
            case "GET" when IsTrue(query["watch"]):
                await WatchAsync(context, target, name);
                return;
            case "GET":
            {
                var obj = store.Get(type, target.Namespace, name);
                if (WantsTable(context)) await WriteJson(context, 200, TableWriter.Build(type, [obj], store.CurrentResourceVersion, query["includeObject"], DateTimeOffset.UtcNow));
                else await WriteJson(context, 200, obj);
                return;
            }
            case "PUT":
            {
                var body = await ReadObject(context);
                var fieldValidation = FieldValidation.FromQuery(query["fieldValidation"]);
                await WriteJson(context, 200, store.Update(type, target.Namespace, name, body, statusOnly, fieldValidation), fieldValidation.Warnings);
                return;
            }
            case "PATCH":
            {
                var contentType = context.Request.ContentType ?? "";
                var text = await ReadText(context);
                var fieldValidation = FieldValidation.FromQuery(query["fieldValidation"]);
                if (contentType.StartsWith("application/apply-patch", StringComparison.Ordinal))
                {
                    await WriteJson(context, 200, ServerSideApply(target, name, text, fieldValidation), fieldValidation.Warnings);
                    return;
                }
                var patchNode = JsonNode.Parse(text);
                Func<JsonObject, JsonObject> apply = contentType switch
                {
                    _ when contentType.StartsWith("application/json-patch+json", StringComparison.Ordinal) =>
                        current => (JsonObject)JsonPatches.JsonPatch(current, patchNode as JsonArray ?? throw ApiError.BadRequest("json patch must be an array")),
                    // Strategic merge has no schema here: custom resources never support it, so it is served as a merge patch.
                    _ when contentType.StartsWith("application/merge-patch+json", StringComparison.Ordinal)
                        || contentType.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal) =>
                        current => JsonPatches.MergePatch(current, patchNode) as JsonObject ?? throw ApiError.BadRequest("merge patch must be an object"),
                    _ => throw ApiError.UnsupportedMediaType(contentType),
                };
                await WriteJson(context, 200, store.Patch(type, target.Namespace, name, apply, statusOnly, fieldValidation), fieldValidation.Warnings);
                return;
            }
            case "DELETE":
            {
                var options = await ReadOptionalObject(context);
                if (query["propagationPolicy"].ToString() is { Length: > 0 } policy) (options ??= new())["propagationPolicy"] = policy;
                await WriteJson(context, 200, store.Delete(type, target.Namespace, name, options));
                return;
            }
            default: throw ApiError.MethodNotAllowed(method);
        }
    }

    /// <summary>Server-side apply, simplified: creates the object, or merges the applied fields into it (no field ownership).</summary>
    JsonObject ServerSideApply(RequestTarget target, string name, string yaml, FieldValidation fieldValidation)
    {
        var applied = YamlJson.ToJson(yaml) as JsonObject ?? throw ApiError.BadRequest("apply patch must be an object");
        try
        {
            return store.Patch(target.Type, target.Namespace, name, current => (JsonObject)JsonPatches.MergePatch(current, WithoutVersion(applied))!, target.Subresource == "status", fieldValidation);
        }
        catch (ApiError e) when (e.Code == 404 && target.Subresource is null)
        {
            return store.Create(target.Type, target.Namespace, applied, fieldValidation);
        }
    }

    static JsonObject WithoutVersion(JsonObject applied)
    {
        var copy = (JsonObject)applied.DeepClone();
        (copy["metadata"] as JsonObject)?.Remove("resourceVersion");
        return copy;
    }

    async Task ListAsync(HttpContext context, RequestTarget target)
    {
        var query = context.Request.Query;
        var (items, rv) = store.List(target.Type, target.Namespace, Selector.ParseLabels(query["labelSelector"]), Selector.ParseFields(query["fieldSelector"]));
        if (WantsTable(context))
        {
            await WriteJson(context, 200, TableWriter.Build(target.Type, items, rv, query["includeObject"], DateTimeOffset.UtcNow));
            return;
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", target.Type.Kind + "List");
            writer.WriteString("apiVersion", target.Type.ApiVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", rv.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in items) item.WriteTo(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is "true" or "1";

    static bool WantsTable(HttpContext context) => context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    static async Task<string> ReadText(HttpContext context)
    {
        // Only JSON (and YAML) bodies are understood; kubectl's typed generators send protobuf and get a clear refusal.
        if ((context.Request.ContentType ?? "").Contains("protobuf", StringComparison.Ordinal))
            throw ApiError.UnsupportedMediaType(context.Request.ContentType!);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    static async Task<JsonObject> ReadObject(HttpContext context)
    {
        var text = await ReadText(context);
        if ((context.Request.ContentType ?? "").Contains("yaml", StringComparison.Ordinal))
            return YamlJson.ToJson(text) as JsonObject ?? throw ApiError.BadRequest("body must be an object");
        return JsonNode.Parse(text) as JsonObject ?? throw ApiError.BadRequest("body must be an object");
    }

    static async Task<JsonObject?> ReadOptionalObject(HttpContext context)
    {
        var text = await ReadText(context);
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
    }

    static async Task WriteJson(HttpContext context, int code, JsonNode body, IReadOnlyList<string>? warnings = null)
    {
        // RFC 7234 warnings, as kube-apiserver sends them (kubectl prints "Warning: <text>").
        foreach (var warning in warnings ?? [])
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"");
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(ObjectStore.Serialize(body), context.RequestAborted);
    }
}
