using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Schema;

namespace ImportOperator.TestApiServer.Storage;

/// <summary>The kinds served, by group/version/plural: built-ins plus every registered CRD version.</summary>
public sealed class ResourceRegistry
{
    readonly ConcurrentDictionary<string, ResourceType> _types = new();
    readonly bool _validate;

    public ResourceRegistry(bool validateCustomResources)
    {
        _validate = validateCustomResources;
        foreach (var type in BuiltInTypes.All()) _types[type.Key] = type;
    }

    public IReadOnlyCollection<ResourceType> All => (IReadOnlyCollection<ResourceType>)_types.Values;

    public ResourceType? Find(string group, string version, string plural) =>
        _types.TryGetValue($"{group}/{version}/{plural}", out var type) ? type : null;

    /// <summary>Serves every served version of an apiextensions.k8s.io/v1 CRD, with its printer columns and schema checks.</summary>
    public IReadOnlyList<ResourceType> RegisterCrd(JsonNode crd)
    {
        var spec = crd["spec"] ?? throw ApiError.BadRequest("CustomResourceDefinition without spec");
        var group = spec["group"]!.GetValue<string>();
        var names = spec["names"]!;
        var plural = names["plural"]!.GetValue<string>();
        var kind = names["kind"]!.GetValue<string>();
        var namespaced = (spec["scope"]?.GetValue<string>() ?? "Namespaced") == "Namespaced";
        var shortNames = (names["shortNames"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToArray() ?? [];
        var categories = (names["categories"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToArray() ?? [];
        var validator = _validate ? BuildValidator(crd) : null;
        var registered = new List<ResourceType>();
        foreach (var versionNode in spec["versions"]?.AsArray() ?? [])
        {
            if (versionNode?["served"]?.GetValue<bool>() == false) continue;
            var columns = new List<PrinterColumn>();
            foreach (var c in versionNode!["additionalPrinterColumns"]?.AsArray() ?? [])
                columns.Add(new PrinterColumn(
                    c!["name"]!.GetValue<string>(), c["type"]?.GetValue<string>() ?? "string", c["jsonPath"]!.GetValue<string>(),
                    c["description"]?.GetValue<string>(), c["priority"]?.GetValue<int>() ?? 0, c["format"]?.GetValue<string>()));
            var type = new ResourceType
            {
                Group = group,
                Version = versionNode["name"]!.GetValue<string>(),
                Plural = plural,
                Kind = kind,
                Namespaced = namespaced,
                ShortNames = shortNames,
                Categories = categories,
                HasStatusSubresource = versionNode["subresources"]?["status"] is not null,
                TracksGeneration = true,
                IsCustom = true,
                PrinterColumns = columns,
                Validator = validator,
                OpenApiSchema = versionNode["schema"]?["openAPIV3Schema"]?.DeepClone(),
            };
            _types[type.Key] = type;
            registered.Add(type);
        }
        return registered;
    }

    public void Unregister(JsonNode crd)
    {
        var spec = crd["spec"]!;
        var group = spec["group"]!.GetValue<string>();
        var plural = spec["names"]!["plural"]!.GetValue<string>();
        foreach (var versionNode in spec["versions"]?.AsArray() ?? [])
            _types.TryRemove($"{group}/{versionNode!["name"]!.GetValue<string>()}/{plural}", out _);
    }

    /// <summary>
    /// The CRD's schema and CEL rules, compiled once. kube-apiserver refuses a CRD whose rules do not compile; so
    /// does this server, naming the problem.
    /// </summary>
    static CrdValidator BuildValidator(JsonNode crd)
    {
        try { return CrdValidator.FromCrd(crd); }
        catch (InvalidOperationException e)
        {
            var name = crd["metadata"]?["name"]?.GetValue<string>() ?? "";
            throw new ApiError(422, "Invalid", $"CustomResourceDefinition.apiextensions.k8s.io \"{name}\" is invalid: spec.validation.openAPIV3Schema: Invalid value: {e.Message}");
        }
    }
}
