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
/// (x-kubernetes-validations), as kube-apiserver does on create and update (the CRD helper fills this in).
/// </summary>
public sealed class CrdValidator
{
    /// <summary>Builds a validator from an apiextensions.k8s.io/v1 CustomResourceDefinition (as JSON).</summary>
    public static CrdValidator FromCrd(JsonNode crd) => throw new NotImplementedException();

    /// <summary>The CRD's group, plural, kind, scope and served version, for registering the resource.</summary>
    public string Group => throw new NotImplementedException();
    public string Plural => throw new NotImplementedException();
    public string Kind => throw new NotImplementedException();
    public string Version => throw new NotImplementedException();
    public bool Namespaced => throw new NotImplementedException();

    /// <summary>
    /// Checks <paramref name="obj"/> (create when <paramref name="oldObj"/> is null, else update: rules using
    /// oldSelf apply) and removes unknown fields as the API server prunes them. Empty when valid.
    /// </summary>
    public IReadOnlyList<FieldError> ValidateAndPrune(JsonNode obj, JsonNode? oldObj) => throw new NotImplementedException();
}
