using System.Text.Json;
using System.Text.Json.Nodes;
using ImportOperator.Api;
using ImportOperator.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace ImportOperator.Manifests;

/// <summary>A manifest object and where it was read from.</summary>
public sealed record Located<T>(T Value, string Origin);

/// <summary>
/// The HeadlessImports and ImportSchemas read from manifest files (several documents per file). Other kinds are
/// ignored, so a folder of mixed manifests can be given as it is.
/// </summary>
public sealed class ManifestSet
{
    public List<Located<HeadlessImport>> Imports { get; } = [];
    public List<Located<ImportSchema>> Schemas { get; } = [];

    public static ManifestSet Load(IEnumerable<string> paths)
    {
        var set = new ManifestSet();
        foreach (var path in paths.SelectMany(Expand))
            foreach (var document in YamlDocuments.Parse(File.ReadAllText(path), path)) set.Add(document);
        return set;
    }

    /// <summary>A file as it is; a folder (as kubectl -f takes one) as its .yaml, .yml and .json files in name order.</summary>
    private static IEnumerable<string> Expand(string path)
    {
        if (File.Exists(path)) return [path];
        if (Directory.Exists(path))
            return Directory.EnumerateFiles(path)
                .Where(f => Path.GetExtension(f) is ".yaml" or ".yml" or ".json")
                .Order(StringComparer.Ordinal);
        throw new ManifestException($"{path}: no such manifest file or folder.");
    }

    private void Add(YamlDocument document)
    {
        if (document.Content is null) return;
        var origin = $"{document.FileName}: document {document.Number} (line {document.Line})";
        if (document.Content is not JsonObject obj) throw new ManifestException($"{origin}: expected a Kubernetes object (a mapping).");
        var apiVersion = (obj["apiVersion"] as JsonValue)?.ToString();
        var kind = (obj["kind"] as JsonValue)?.ToString();
        if (kind is not (HeadlessImport.KindName or ImportSchema.KindName)) return;
        if (apiVersion != ApiGroup.ApiVersion)
            throw new ManifestException($"{origin}: apiVersion is '{apiVersion}', expected '{ApiGroup.ApiVersion}' for kind {kind}.");
        var name = (obj["metadata"]?["name"] as JsonValue)?.ToString();
        origin = $"{origin}, {kind} '{name}'";
        if (string.IsNullOrWhiteSpace(name)) throw new ManifestException($"{origin}: metadata.name is required.");
        if (kind == HeadlessImport.KindName) Imports.Add(new(Deserialize<HeadlessImport>(obj, origin), origin));
        else Schemas.Add(new(Deserialize<ImportSchema>(obj, origin), origin));
    }

    private static T Deserialize<T>(JsonObject obj, string origin)
    {
        try
        {
            return obj.Deserialize<T>(ApiJson.Options) ?? throw new ManifestException($"{origin}: empty object.");
        }
        catch (JsonException e)
        {
            throw new ManifestException($"{origin}: {JsonErrors.Describe(e)}");
        }
    }

    /// <summary>The one HeadlessImport to process.</summary>
    public Located<HeadlessImport> SingleImport()
    {
        return Imports.Count switch
        {
            1 => Imports[0],
            0 => throw new ManifestException("the manifests contain no HeadlessImport (kind: HeadlessImport, apiVersion: importoperator.io/v1alpha1)."),
            _ => throw new ManifestException($"the manifests contain {Imports.Count} HeadlessImports ({string.Join(", ", Imports.Select(i => i.Value.Metadata.Name))}); give one at a time."),
        };
    }

    /// <summary>The ImportSchema with this name in this namespace (namespaces default to "default"), if given.</summary>
    public Located<ImportSchema>? FindSchema(string name, string? importNamespace) =>
        Schemas.FirstOrDefault(s => s.Value.Metadata.Name == name &&
            (s.Value.Metadata.NamespaceProperty ?? "default") == (importNamespace ?? "default"));
}
