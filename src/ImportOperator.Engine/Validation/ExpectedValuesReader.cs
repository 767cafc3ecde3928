using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation;

/// <summary>Reads the values of one fieldValues entry of a require_*_values validator.</summary>
internal static class ExpectedValuesReader
{
    /// <summary>
    /// A fieldValues entry: a string, number, boolean or null (matches an empty cell), or a list of those.
    /// <paramref name="shown"/> is what the default message quotes; <paramref name="expected"/> adds each
    /// number's canonical text (1.50 → 1.5), which is how a number result reads.
    /// </summary>
    public static bool TryRead(
        JsonNode? node, string path, SchemaProblems problems, out string[] shown, out string[] expected)
    {
        var shownList = new List<string>();
        var expectedList = new List<string>();
        var ok = true;
        if (node is JsonArray array)
        {
            if (array.Count == 0) { problems.Add(path, "must list at least one value."); ok = false; }
            for (var i = 0; i < array.Count; i++)
                ok &= TryReadScalar(array[i], $"{path}[{i}]", problems, shownList, expectedList);
        }
        else ok = TryReadScalar(node, path, problems, shownList, expectedList);
        shown = [.. shownList];
        expected = [.. expectedList];
        return ok;
    }

    private static bool TryReadScalar(
        JsonNode? node, string path, SchemaProblems problems, List<string> shown, List<string> expected)
    {
        string text;
        switch (node?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                text = "";
                break;
            case JsonValueKind.String:
                text = node.GetValue<string>().Trim();
                break;
            case JsonValueKind.True or JsonValueKind.False:
                text = node.GetValueKind() == JsonValueKind.True ? "true" : "false";
                break;
            case JsonValueKind.Number:
                text = node.ToJsonString();
                // Parsed from the JSON text, which works whether the node came from JSON or from code.
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) &&
                    CellValue.FromNumber(number).ToText() is var canonical && canonical != text)
                    expected.Add(canonical);
                break;
            default:
                problems.Add(path, "must be a string, number, boolean or a list of those.");
                return false;
        }
        shown.Add(text);
        expected.Add(text);
        return true;
    }
}
