using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Schema;

/// <summary>One admission problem, as the real API server reports it: a field path and a message.</summary>
/// <param name="Path">The field, e.g. <c>spec.fields[0].type</c> (or <c>spec</c> for a rule on the spec).</param>
public sealed record FieldError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// Validates custom objects against a CRD's structural OpenAPI schema and its CEL rules
/// (x-kubernetes-validations), as kube-apiserver does on create and update.
/// </summary>
/// <remarks>
/// The order is kube-apiserver's: drop nulls of non-nullable fields, prune unknown fields, apply defaults, then
/// validate the schema, then evaluate the CEL rules unless a type or enum error makes them meaningless (then, like
/// kube-apiserver, it says the rules were not checked). Object metadata is the API server's own and is not
/// checked here.
/// </remarks>
public sealed class CrdValidator
{
    private readonly StructuralSchema _schema;

    private CrdValidator(string group, string plural, string kind, string version, bool namespaced, StructuralSchema schema)
    {
        Group = group;
        Plural = plural;
        Kind = kind;
        Version = version;
        Namespaced = namespaced;
        _schema = schema;
    }

    /// <summary>Builds a validator from an apiextensions.k8s.io/v1 CustomResourceDefinition (as JSON).</summary>
    /// <exception cref="InvalidOperationException">The CRD has no served version with a schema, or a rule does not compile.</exception>
    public static CrdValidator FromCrd(JsonNode crd)
    {
        var spec = crd["spec"] ?? throw new InvalidOperationException("The CRD has no spec.");
        var names = spec["names"] ?? throw new InvalidOperationException("The CRD has no spec.names.");
        var versions = spec["versions"]?.AsArray() ?? throw new InvalidOperationException("The CRD has no versions.");
        var version = versions.FirstOrDefault(v => (bool?)v?["storage"] == true)
                      ?? versions.FirstOrDefault(v => (bool?)v?["served"] == true)
                      ?? throw new InvalidOperationException("The CRD serves no version.");
        var schema = version["schema"]?["openAPIV3Schema"]
                     ?? throw new InvalidOperationException($"Version {(string?)version["name"]} has no openAPIV3Schema.");
        return new CrdValidator(
            Required(spec, "group"),
            Required(names, "plural"),
            Required(names, "kind"),
            Required(version, "name"),
            (string?)spec["scope"] != "Cluster",
            StructuralSchema.Parse(schema, path: ""));
    }

    /// <summary>Builds a validator from a CRD file's YAML (e.g. config/crd/importoperator.io_headlessimports.yaml).</summary>
    public static CrdValidator FromCrdYaml(string yaml) => FromCrd(YamlManifests.ReadOne(yaml));

    /// <summary>The CRD's group, plural, kind, scope and served version, for registering the resource.</summary>
    public string Group { get; }
    public string Plural { get; }
    public string Kind { get; }
    public string Version { get; }
    public bool Namespaced { get; }

    /// <summary>
    /// Checks <paramref name="obj"/> (create when <paramref name="oldObj"/> is null, else update: rules using
    /// oldSelf apply) and removes unknown fields as the API server prunes them. Empty when valid.
    /// </summary>
    /// <remarks>Defaults of the schema are filled into <paramref name="obj"/> too, as the API server does.</remarks>
    public IReadOnlyList<FieldError> ValidateAndPrune(JsonNode obj, JsonNode? oldObj) => ValidateAndPrune(obj, oldObj, prunedFields: null);

    /// <summary>As <see cref="ValidateAndPrune(JsonNode, JsonNode?)"/>, also listing the paths of the fields it pruned
    /// (e.g. <c>spec.fields[0].colour</c>), which kube-apiserver reports as unknown fields.</summary>
    public IReadOnlyList<FieldError> ValidateAndPrune(JsonNode obj, JsonNode? oldObj, List<string>? prunedFields)
    {
        if (obj is not JsonObject root)
            return [new FieldError("", $"Invalid value: \"{OpenApiValueValidator.JsonTypeOf(obj)}\": the object must be a JSON object")];
        SchemaNormalizer.NormalizeRoot(root, _schema, prunedFields);
        var errors = new List<FieldError>();
        OpenApiValueValidator.Validate(root, _schema, path: "", errors, isRoot: true);
        if (errors.Any(IsBlocking))
            errors.Add(new FieldError("<nil>", "Invalid value: \"null\": " + RulesNotCheckedMessage));
        else
            CelRuleChecker.Check(root, oldObj, hasOld: oldObj is not null, _schema, path: "", errors, isRoot: true);
        return errors;
    }

    /// <summary>kube-apiserver's answer when type or enum errors keep it from evaluating the CEL rules.</summary>
    public const string RulesNotCheckedMessage =
        "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";

    // As in kube-apiserver: a value of the wrong type or outside its enum would make CEL results meaningless;
    // a missing required field does not (rules guard optional fields with has()).
    private static bool IsBlocking(FieldError error) =>
        error.Message.StartsWith("Unsupported value", StringComparison.Ordinal) ||
        error.Message.Contains(" in body must be of type ", StringComparison.Ordinal);

    private static string Required(JsonNode node, string name) =>
        (string?)node[name] ?? throw new InvalidOperationException($"The CRD has no {name}.");
}
