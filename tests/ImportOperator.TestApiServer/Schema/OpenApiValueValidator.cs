using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ImportOperator.TestApiServer.Schema;

/// <summary>
/// Checks a (normalized) custom object against its structural schema: types, required, enum, bounds, pattern,
/// date-time format and list-type map keys. Messages follow kube-apiserver's wording.
/// </summary>
internal static class OpenApiValueValidator
{
    public static void Validate(JsonNode? node, StructuralSchema schema, string path, List<FieldError> errors, bool isRoot = false)
    {
        if (node is null)
        {
            if (!schema.Nullable && schema.Type is not null)
                errors.Add(new(path, $"Invalid value: \"null\": {path} in body must be of type {schema.Type}: \"null\""));
            return;
        }
        var actual = JsonTypeOf(node);
        if (schema.Type is { } expected && !Matches(expected, actual, node))
        {
            errors.Add(new(path, $"Invalid value: \"{actual}\": {path} in body must be of type {expected}: \"{actual}\""));
            return;
        }
        CheckEnum(node, schema, path, errors);
        switch (node)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, path, errors, isRoot);
                break;
            case JsonArray array:
                ValidateArray(array, schema, path, errors);
                break;
            case JsonValue value when actual == "string":
                ValidateString(value.GetValue<string>(), schema, path, errors);
                break;
            case JsonValue value when actual is "integer" or "number":
                ValidateNumber(Convert.ToDouble(CelValues.Number(value), CultureInfo.InvariantCulture), schema, path, errors);
                break;
        }
    }

    private static void ValidateObject(JsonObject obj, StructuralSchema schema, string path, List<FieldError> errors, bool isRoot)
    {
        foreach (var name in schema.Required)
            if (!obj.ContainsKey(name)) errors.Add(new(SchemaPaths.Child(path, name), "Required value"));
        foreach (var (name, value) in obj)
        {
            if (isRoot && name == "metadata") continue;
            if (schema.Properties.TryGetValue(name, out var property))
                Validate(value, property, SchemaPaths.Child(path, name), errors);
            else if (schema.AdditionalProperties is { } additional)
                Validate(value, additional, SchemaPaths.Key(path, name), errors);
        }
    }

    private static void ValidateArray(JsonArray array, StructuralSchema schema, string path, List<FieldError> errors)
    {
        if (schema.MinItems is { } minItems && array.Count < minItems)
            errors.Add(new(path, $"Invalid value: {array.Count}: {path} in body should have at least {minItems} items"));
        if (schema.MaxItems is { } maxItems && array.Count > maxItems)
            errors.Add(new(path, $"Too many: {array.Count}: must have at most {maxItems} items"));
        if (schema.Items is { } items)
            for (var i = 0; i < array.Count; i++) Validate(array[i], items, SchemaPaths.Index(path, i), errors);
        if (schema.ListType == "map") CheckMapKeysUnique(array, schema.ListMapKeys, path, errors);
        if (schema.ListType == "set") CheckSetUnique(array, path, errors);
    }

    private static void ValidateString(string value, StructuralSchema schema, string path, List<FieldError> errors)
    {
        // Kubernetes counts characters (runes) for minLength/maxLength.
        var length = value.EnumerateRunes().Count();
        if (schema.MinLength is { } minLength && length < minLength)
            errors.Add(new(path, $"Invalid value: {Quote(value)}: {path} in body should be at least {minLength} chars long"));
        if (schema.MaxLength is { } maxLength && length > maxLength)
            errors.Add(new(path, $"Too long: may not be more than {maxLength} bytes"));
        if (schema.Pattern is { } pattern && !Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            errors.Add(new(path, $"Invalid value: {Quote(value)}: {path} in body should match '{pattern}'"));
        if (schema.Format == "date-time" && !IsRfc3339(value))
            errors.Add(new(path, $"Invalid value: {Quote(value)}: {path} in body must be of type date-time: {Quote(value)}"));
    }

    private static void ValidateNumber(double value, StructuralSchema schema, string path, List<FieldError> errors)
    {
        var shown = value.ToString(CultureInfo.InvariantCulture);
        if (schema.Minimum is { } minimum && value < minimum)
            errors.Add(new(path, $"Invalid value: {shown}: {path} in body should be greater than or equal to {minimum.ToString(CultureInfo.InvariantCulture)}"));
        if (schema.Maximum is { } maximum && value > maximum)
            errors.Add(new(path, $"Invalid value: {shown}: {path} in body should be less than or equal to {maximum.ToString(CultureInfo.InvariantCulture)}"));
    }

    private static void CheckEnum(JsonNode node, StructuralSchema schema, string path, List<FieldError> errors)
    {
        if (schema.Enum is not { } allowed || allowed.Any(value => JsonNode.DeepEquals(value, node))) return;
        var supported = string.Join(", ", allowed.Select(value => value?.ToJsonString() ?? "null"));
        errors.Add(new(path, $"Unsupported value: {node.ToJsonString()}: supported values: {supported}"));
    }

    private static void CheckMapKeysUnique(JsonArray array, IReadOnlyList<string> keys, string path, List<FieldError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item) continue;
            var identity = new JsonObject();
            foreach (var key in keys) identity[key] = item[key]?.DeepClone();
            if (!seen.Add(identity.ToJsonString())) errors.Add(new(SchemaPaths.Index(path, i), $"Duplicate value: {identity.ToJsonString()}"));
        }
    }

    private static void CheckSetUnique(JsonArray array, string path, List<FieldError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
            if (!seen.Add(array[i]?.ToJsonString() ?? "null"))
                errors.Add(new(SchemaPaths.Index(path, i), $"Duplicate value: {array[i]?.ToJsonString() ?? "null"}"));
    }

    private static bool Matches(string expected, string actual, JsonNode node) => expected switch
    {
        "number" => actual is "number" or "integer",
        "integer" => actual == "integer",
        _ => expected == actual,
    };

    /// <summary>The OpenAPI type of a JSON value; an integral number is an integer, as in Go's JSON decoding.</summary>
    public static string JsonTypeOf(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => CelValues.Number(value) is long ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    private static string Quote(string value) => JsonSerializer.Serialize(value);

    private static bool IsRfc3339(string value) =>
        DateTimeOffset.TryParseExact(value,
            ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);
}
