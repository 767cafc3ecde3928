using System.Net;
using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Storage;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImportOperator.Runtime.Tests.Support;

/// <summary>
/// HeadlessImports and ImportSchemas written as YAML and sent through the real KubernetesClient, untyped, so that
/// tests can send what a user might write, including what the API server must refuse.
/// </summary>
public sealed class ImportResources(IKubernetes client, string ns)
{
    public const string Group = "importoperator.io";
    public const string Version = "v1alpha1";
    public const string HeadlessImports = "headlessimports";
    public const string ImportSchemas = "importschemas";

    /// <summary>Creates the object the YAML describes; apiVersion and kind may be left out of it.</summary>
    public async Task<JsonObject> CreateAsync(string plural, string yaml) => (await CreateWithWarningsAsync(plural, yaml)).Created;

    /// <summary>Creates the object and returns the server's warnings too (the texts of its Warning headers).</summary>
    /// <param name="fieldValidation">Ignore, Warn or Strict; null leaves it to the server (Warn).</param>
    public async Task<(JsonObject Created, IReadOnlyList<string> Warnings)> CreateWithWarningsAsync(string plural, string yaml, string? fieldValidation = null)
    {
        var manifest = Manifest(yaml);
        manifest.TryAdd("apiVersion", $"{Group}/{Version}");
        manifest.TryAdd("kind", KindOf(plural));
        using var response = await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<JsonObject>(
            manifest, Group, Version, ns, plural, fieldValidation: fieldValidation);
        return (response.Body, [.. response.Response.Headers.Warning.Select(w => Unquote(w.Text))]);
    }

    // A Warning header's text is an HTTP quoted-string: surrounding quotes, backslash escapes.
    static string Unquote(string quoted)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length - 1) i++;
            text.Append(quoted[i]);
        }
        return text.ToString();
    }

    public static string KindOf(string plural) => plural == HeadlessImports ? "HeadlessImport" : "ImportSchema";

    public async Task<JsonObject> GetAsync(string plural, string name) =>
        await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(Group, Version, ns, plural, name);

    public async Task<JsonObject> MergePatchAsync(string plural, string name, string json) =>
        await client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch(json, V1Patch.PatchType.MergePatch), Group, Version, ns, plural, name);

    public async Task<JsonObject> MergePatchStatusAsync(string plural, string name, string json) =>
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonObject>(
            new V1Patch(json, V1Patch.PatchType.MergePatch), Group, Version, ns, plural, name);

    public async Task<JsonObject> ReplaceAsync(string plural, JsonObject obj) =>
        await client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(
            obj, Group, Version, ns, plural, (string)obj["metadata"]!["name"]!);

    /// <summary>Runs a write that the server must refuse as 422 Invalid, and returns the Status it answered with.</summary>
    public static async Task<V1Status> RefusalAsync(Func<Task> write)
    {
        var refused = await Assert.ThrowsAsync<HttpOperationException>(write);
        Assert.True(refused.Response.StatusCode == HttpStatusCode.UnprocessableEntity, refused.Response.Content);
        return KubernetesJson.Deserialize<V1Status>(refused.Response.Content);
    }

    public static JsonObject Manifest(string yaml) => (JsonObject)YamlJson.ToJson(yaml)!;
}
