using System.Text.Json.Nodes;
using ImportOperator.Crds;
using ImportOperator.TestApiServer.Schema;

namespace ImportOperator.Tests.Crds;

/// <summary>Admission validators built from the CRDs the generator produces now (as YAML, as users apply them).</summary>
internal static class GeneratedValidators
{
    private static readonly Lazy<IReadOnlyDictionary<string, CrdValidator>> ByKind = new(() =>
        CrdManifests.Render()
            .Where(file => file.Name != "kustomization.yaml")
            .Select(file => CrdValidator.FromCrdYaml(file.Content))
            .ToDictionary(validator => validator.Kind));

    public static CrdValidator For(string kind) => ByKind.Value[kind];

    /// <summary>Validates a manifest on create (or update, given the stored object) with its kind's CRD.</summary>
    public static IReadOnlyList<FieldError> Validate(JsonNode manifest, JsonNode? stored = null) =>
        For((string)manifest["kind"]!).ValidateAndPrune(manifest, stored);

    public static string Describe(IEnumerable<FieldError> errors) => string.Join(Environment.NewLine, errors);
}
