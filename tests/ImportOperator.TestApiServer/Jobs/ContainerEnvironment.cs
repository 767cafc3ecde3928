using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Storage;
using k8s.Models;
using static ImportOperator.TestApiServer.Jobs.JsonRead;

namespace ImportOperator.TestApiServer.Jobs;

/// <summary>A container's environment and command line after the kubelet's resolution, or why it cannot start.</summary>
internal sealed record ResolvedContainer(Dictionary<string, string> Environment, List<string> Command, List<string> Args);

/// <summary>
/// Resolves env and envFrom as the kubelet does: literal values with $(VAR) references to earlier variables,
/// Secret and ConfigMap keys (a missing non-optional one is a CreateContainerConfigError that keeps the Pod
/// Pending), the downward API (fieldRef, resourceFieldRef); then expands $(VAR) in command and args.
/// </summary>
internal sealed class ContainerEnvironment(ObjectStore store)
{
    /// <summary>The resolved container, or the error text the kubelet puts in state.waiting.message.</summary>
    public (ResolvedContainer? Container, string? ConfigError) Resolve(JsonObject pod, JsonObject container)
    {
        var ns = Str(pod["metadata"]?["namespace"])!;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in Objects(container["envFrom"]))
        {
            var prefix = Str(source["prefix"]) ?? "";
            var (kind, reference) = source["secretRef"] is JsonObject s ? ("Secret", s) : source["configMapRef"] is JsonObject c ? ("ConfigMap", c) : ("", null);
            if (reference is null) continue;
            var data = ReadData(kind, ns, Str(reference["name"]) ?? "");
            if (data is null)
            {
                if (Bool(reference["optional"]) == true) continue;
                return (null, $"{kind.ToLowerInvariant()} \"{Str(reference["name"])}\" not found");
            }
            foreach (var (key, value) in data) env[prefix + key] = value;
        }
        foreach (var variable in Objects(container["env"]))
        {
            var name = Str(variable["name"]);
            if (name is null) continue;
            if (variable["valueFrom"] is not JsonObject from)
            {
                env[name] = Expand(Str(variable["value"]) ?? "", env);
                continue;
            }
            var (value, error) = ResolveFrom(ns, pod, container, from);
            if (error is not null) return (null, error);
            if (value is not null) env[name] = value;
        }
        return (new ResolvedContainer(env,
            [.. Strings(container["command"]).Select(a => Expand(a, env))],
            [.. Strings(container["args"]).Select(a => Expand(a, env))]), null);
    }

    (string? Value, string? Error) ResolveFrom(string ns, JsonObject pod, JsonObject container, JsonObject from)
    {
        foreach (var (kind, field) in (ReadOnlySpan<(string, string)>)[("Secret", "secretKeyRef"), ("ConfigMap", "configMapKeyRef")])
        {
            if (from[field] is not JsonObject reference) continue;
            var objectName = Str(reference["name"]) ?? "";
            var key = Str(reference["key"]) ?? "";
            var optional = Bool(reference["optional"]) == true;
            var data = ReadData(kind, ns, objectName);
            if (data is null) return optional ? (null, null) : (null, $"{kind.ToLowerInvariant()} \"{objectName}\" not found");
            if (data.TryGetValue(key, out var value)) return (value, null);
            return optional ? (null, null) : (null, $"couldn't find key {key} in {kind} {ns}/{objectName}");
        }
        if (from["fieldRef"] is JsonObject fieldRef) return (FieldValue(pod, Str(fieldRef["fieldPath"]) ?? ""), null);
        if (from["resourceFieldRef"] is JsonObject resourceRef) return (ResourceValue(container, resourceRef), null);
        return (null, null);
    }

    /// <summary>A Secret's data (base64-decoded) or a ConfigMap's data, or null when the object does not exist.</summary>
    Dictionary<string, string>? ReadData(string kind, string ns, string name)
    {
        var plural = kind == "Secret" ? "secrets" : "configmaps";
        JsonObject obj;
        try { obj = store.Get(store.Registry.Find("", "v1", plural)!, ns, name); }
        catch (ApiError) { return null; }
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (kind == "Secret")
        {
            // The real API server folds stringData into data on write; this store keeps it as written.
            foreach (var (k, v) in StringMap(obj["stringData"])) data[k] = v;
            foreach (var (k, v) in StringMap(obj["data"]))
            {
                try { data[k] = Encoding.UTF8.GetString(Convert.FromBase64String(v)); }
                catch (FormatException) { data[k] = v; }
            }
        }
        else foreach (var (k, v) in StringMap(obj["data"])) data[k] = v;
        return data;
    }

    static string FieldValue(JsonObject pod, string path)
    {
        static string? Keyed(string path, string prefix) =>
            path.StartsWith(prefix + "['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal) ? path[(prefix.Length + 2)..^2] : null;
        if (Keyed(path, "metadata.labels") is { } label) return Str(pod["metadata"]?["labels"]?[label]) ?? "";
        if (Keyed(path, "metadata.annotations") is { } annotation) return Str(pod["metadata"]?["annotations"]?[annotation]) ?? "";
        return path switch
        {
            "metadata.name" => Str(pod["metadata"]?["name"]) ?? "",
            "metadata.namespace" => Str(pod["metadata"]?["namespace"]) ?? "",
            "metadata.uid" => Str(pod["metadata"]?["uid"]) ?? "",
            "spec.nodeName" => LocalJobRunner.NodeName,
            "spec.serviceAccountName" => Str(pod["spec"]?["serviceAccountName"]) ?? "default",
            "status.hostIP" or "status.podIP" or "status.hostIPs" or "status.podIPs" => "127.0.0.1",
            _ => "",
        };
    }

    /// <summary>limits/requests of cpu or memory divided by the divisor and rounded up; an unset limit is the node's capacity.</summary>
    static string ResourceValue(JsonObject container, JsonObject reference)
    {
        var resource = Str(reference["resource"]) ?? "";
        var dot = resource.IndexOf('.');
        if (dot < 0) return "";
        var (kind, name) = (resource[..dot], resource[(dot + 1)..]);
        decimal Capacity() => name == "cpu" ? System.Environment.ProcessorCount : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        decimal? Read(string which) => Str(container["resources"]?[which]?[name]) is { } q ? new ResourceQuantity(q).ToDecimal() : null;
        var value = kind == "limits" ? Read("limits") ?? Capacity() : Read("requests") ?? Read("limits") ?? 0m;
        var divisor = Str(reference["divisor"]) is { } d ? new ResourceQuantity(d).ToDecimal() : 1m;
        if (divisor <= 0) divisor = 1m;
        return Math.Ceiling(value / divisor).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Kubernetes' $(VAR) expansion: a defined variable is substituted, an undefined reference stays as written, $$ is a literal $.</summary>
    public static string Expand(string input, IReadOnlyDictionary<string, string> variables)
    {
        var output = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 >= input.Length) { output.Append(input[i]); continue; }
            if (input[i + 1] == '$') { output.Append('$'); i++; continue; }
            if (input[i + 1] != '(') { output.Append('$'); continue; }
            var close = input.IndexOf(')', i + 2);
            if (close < 0) { output.Append(input, i, input.Length - i); break; }
            var name = input[(i + 2)..close];
            output.Append(variables.TryGetValue(name, out var value) ? value : input[i..(close + 1)]);
            i = close;
        }
        return output.ToString();
    }
}
