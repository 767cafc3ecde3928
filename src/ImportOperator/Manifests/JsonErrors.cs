using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImportOperator.Manifests;

/// <summary>Turns System.Text.Json's exceptions into a field path and words a manifest author understands.</summary>
internal static partial class JsonErrors
{
    public static string Describe(JsonException e)
    {
        var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        var unknown = UnknownMember().Match(e.Message);
        if (unknown.Success)
        {
            var field = unknown.Groups[1].Value;
            var parent = path.EndsWith(field, StringComparison.Ordinal) ? path[..^field.Length].TrimEnd('.') : path;
            return $"{(parent.Length == 0 ? "" : parent + ".")}{field}: unknown field '{field}'.";
        }
        var convert = CannotConvert().Match(e.Message);
        if (convert.Success) return $"{(path.Length == 0 ? "(root)" : path)}: expected {Friendly(convert.Groups[1].Value)}.";
        return $"{(path.Length == 0 ? "(root)" : path)}: {e.Message}";
    }

    private static string Friendly(string clrType)
    {
        if (clrType.Contains("Boolean")) return "true or false";
        if (clrType.Contains("Int32") || clrType.Contains("Int64")) return "a whole number";
        if (clrType.Contains("Double") || clrType.Contains("Decimal")) return "a number";
        if (clrType.Contains("String")) return "a string";
        if (clrType.Contains("List") || clrType.Contains("[]")) return "a list";
        if (clrType.Contains("DateTime")) return "a date-time (RFC 3339)";
        return "an object";
    }

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex("could not be converted to ([^ .]+(?:\\.[^ .]+)*?[^ .]*)\\.? Path")]
    private static partial Regex CannotConvert();
}
