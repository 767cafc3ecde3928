namespace ImportOperator.TestApiServer.Storage;

/// <summary>What a write does with fields its schema does not declare: the <c>fieldValidation</c> query parameter.</summary>
public enum FieldValidationMode { Ignore, Warn, Strict }

/// <summary>
/// One write's field validation, as kube-apiserver does it for custom resources: unknown fields are pruned and,
/// in Warn mode (the default when the request does not say), reported as warnings; in Strict mode the write is
/// refused (kubectl asks for Strict).
/// </summary>
public sealed class FieldValidation(FieldValidationMode mode)
{
    public FieldValidationMode Mode => mode;

    /// <summary>Warnings for the response's Warning headers, e.g. <c>unknown field "spec.priority"</c>.</summary>
    public List<string> Warnings { get; } = [];

    public static FieldValidation FromQuery(string? value) => value switch
    {
        null or "" or "Warn" => new(FieldValidationMode.Warn),
        "Ignore" => new(FieldValidationMode.Ignore),
        "Strict" => new(FieldValidationMode.Strict),
        _ => throw ApiError.BadRequest($"fieldValidation must be one of Ignore, Warn, Strict, got \"{value}\""),
    };

    /// <summary>Applies the mode to the fields pruned from one object: warn about them, or refuse the write.</summary>
    internal void OnPruned(ResourceType type, IReadOnlyList<string> prunedPaths)
    {
        if (prunedPaths.Count == 0) return;
        var unknown = prunedPaths.Select(p => $"unknown field \"{p}\"").ToList();
        switch (mode)
        {
            case FieldValidationMode.Strict:
                throw ApiError.BadRequest(
                    $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", unknown)}");
            case FieldValidationMode.Warn:
                Warnings.AddRange(unknown);
                break;
        }
    }
}
