using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImportOperator.Api;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Cli.Import;

/// <summary>
/// Reads <c>--settings key=value</c> pairs into <see cref="ImportSettings"/>. Keys are the settings' JSON names,
/// dotted for nested ones (<c>matchingStep.headerRowOverride=2</c>, <c>processing.resources.limits.memory=1Gi</c>);
/// values are read by the setting's type: true/false, whole numbers, text as is (quotes optional), and JSON for a
/// whole object (<c>matchingStep={"headerRowOverride":2}</c>). An unknown key is refused by name, with the keys
/// known at that level, so a typo never passes as a silently ignored setting.
/// </summary>
public static class SettingsArguments
{
    public const string Flag = "--settings";

    public static ImportSettings? Parse(IReadOnlyList<string> pairs)
    {
        if (pairs.Count == 0) return null;
        var root = new JsonObject();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
                throw new UsageException($"{Flag} {pair}: expected key=value, e.g. invalidDataBehavior=BLOCK_SUBMIT.");
            Set(root, typeof(ImportSettings), pair, pair[..equals].Trim().Split('.'), 0, pair[(equals + 1)..]);
        }
        try
        {
            return root.Deserialize<ImportSettings>(ApiJson.Options);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{Flag}: {Manifests.JsonErrors.Describe(e)}");
        }
    }

    private static void Set(JsonObject target, Type type, string pair, string[] path, int depth, string value)
    {
        var segment = path[depth];
        var last = depth == path.Length - 1;
        if (IsStringMap(type))
        {
            if (!last) throw new UsageException($"{Flag} {pair}: '{string.Join('.', path[..(depth + 1)])}' holds text values; it has no '{path[depth + 1]}'.");
            target[segment] = Unquote(value);
            return;
        }
        var property = FindProperty(type, segment)
            ?? throw new UsageException($"{Flag} {pair}: unknown setting '{string.Join('.', path[..(depth + 1)])}'. Known here: {string.Join(", ", KnownNames(type))}.");
        var name = JsonName(property);
        var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (last)
        {
            target[name] = Value(string.Join('.', path), propertyType, value);
            return;
        }
        if (!IsObject(propertyType))
            throw new UsageException($"{Flag} {pair}: '{string.Join('.', path[..(depth + 1)])}' is a single value; it has no '{path[depth + 1]}'.");
        if (target[name] is not JsonObject child)
        {
            child = new JsonObject();
            target[name] = child;
        }
        Set(child, propertyType, pair, path, depth + 1, value);
    }

    private static JsonNode? Value(string key, Type type, string value)
    {
        var text = value.Trim();
        if (type == typeof(string)) return JsonValue.Create(Unquote(value));
        if (type == typeof(bool))
        {
            if (bool.TryParse(text, out var flag)) return JsonValue.Create(flag);
            throw new UsageException($"{Flag} {key}={value}: expected true or false.");
        }
        if (type == typeof(int) || type == typeof(long))
        {
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return JsonValue.Create(number);
            throw new UsageException($"{Flag} {key}={value}: expected a whole number.");
        }
        try
        {
            return JsonNode.Parse(text) is JsonObject json ? json
                : throw new UsageException($"{Flag} {key}={value}: expected a JSON object, e.g. {key}={{...}}, or a dotted key such as {key}.<name>=<value>.");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{Flag} {key}={value}: not valid JSON ({e.Message}).");
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')) ? value[1..^1] : value;

    private static PropertyInfo? FindProperty(Type type, string jsonName) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p => p.CanWrite && JsonName(p) == jsonName);

    private static IEnumerable<string> KnownNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(JsonName);

    private static string JsonName(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static bool IsObject(Type type) => type.IsClass && type != typeof(string);

    private static bool IsStringMap(Type type) => typeof(IDictionary).IsAssignableFrom(type);
}
