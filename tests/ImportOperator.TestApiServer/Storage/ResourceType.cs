using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Schema;

namespace ImportOperator.TestApiServer.Storage;

/// <summary>A printer column of a custom resource (additionalPrinterColumns), shown by kubectl get.</summary>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string? Description, int Priority, string? Format);

/// <summary>One kind the server stores: where it lives in the URL space and how its writes behave.</summary>
public sealed class ResourceType
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    public required string Plural { get; init; }
    public required string Kind { get; init; }
    public required bool Namespaced { get; init; }
    public string Singular => Kind.ToLowerInvariant();
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    /// <summary>Whether status is written only through /status (spec and metadata only through the main endpoint).</summary>
    public bool HasStatusSubresource { get; init; }
    /// <summary>Whether metadata.generation is kept (objects with a spec).</summary>
    public bool TracksGeneration { get; init; }
    /// <summary>True for custom resources: strategic merge is treated as merge, unknown fields are pruned.</summary>
    public bool IsCustom { get; init; }
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>Schema and CEL checks from the CRD; null when not validated.</summary>
    public CrdValidator? Validator { get; init; }
    /// <summary>The CRD version's openAPIV3Schema, published at /openapi/v3 (null for built-ins).</summary>
    public JsonNode? OpenApiSchema { get; init; }
    /// <summary>Extra subresources served besides status (e.g. pods/log).</summary>
    public IReadOnlyList<string> ExtraSubresources { get; init; } = [];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
    public string Key => $"{Group}/{Version}/{Plural}";
}
