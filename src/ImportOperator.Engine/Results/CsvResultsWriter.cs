using System.Text;
using System.Text.Json;
using ImportOperator.Engine.Reading;

namespace ImportOperator.Engine.Results;

/// <summary>
/// Turns data.json into data.csv for people who open results in a spreadsheet: RFC 4180 (CRLF, fields quoted when
/// they hold a comma, quote or line break), UTF-8 with a BOM (so Excel reads accents right), header = the field
/// keys in schema order, then the passed-through columns of <c>$unmapped</c> in first-seen order. Every text cell is
/// neutralised by <see cref="CsvFormulaGuard"/>; numbers and booleans are written as JSON wrote them, arrays as
/// their items joined with ", ", null as an empty cell. data.json is streamed twice (once to find the unmapped
/// columns), so memory holds one row however large the results.
/// </summary>
public static class CsvResultsWriter
{
    public const string FileName = "data.csv";

    private const string UnmappedKey = "$unmapped";

    /// <summary>Writes <paramref name="csvPath"/> from <paramref name="dataJsonPath"/>; a reader never sees it half-written.</summary>
    public static void Write(string dataJsonPath, IReadOnlyList<string> fieldKeys, string csvPath)
    {
        var unmapped = UnmappedHeaders(dataJsonPath);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fieldKeys.Count; i++) columns.TryAdd(fieldKeys[i], i);
        var unmappedColumns = unmapped.Select((header, i) => (header, i)).ToDictionary(p => p.header, p => fieldKeys.Count + p.i, StringComparer.Ordinal);

        var partial = csvPath + ".partial";
        try
        {
            using (var output = new StreamWriter(partial, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16))
            {
                // Headers come from the file too (passed-through columns): they are guarded like any cell.
                WriteRecord(output, [.. fieldKeys.Concat(unmapped).Select(CsvFormulaGuard.Neutralise)]);
                using var input = File.OpenRead(dataJsonPath);
                var source = new JsonTokenSource(input, Path.GetFileName(dataJsonPath));
                var cells = new string[fieldKeys.Count + unmapped.Count];
                while (source.Next())
                {
                    if (source.Depth != 1 || source.TokenType != JsonTokenType.StartObject) continue;
                    Array.Fill(cells, "");
                    ReadRow(source, columns, unmappedColumns, cells);
                    WriteRecord(output, cells);
                }
            }

            File.Move(partial, csvPath, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Fills <paramref name="cells"/> from the row object the source is on, up to its end.</summary>
    private static void ReadRow(JsonTokenSource source, Dictionary<string, int> columns, Dictionary<string, int> unmappedColumns, string[] cells)
    {
        while (source.Next() && source.TokenType == JsonTokenType.PropertyName)
        {
            var key = source.Text.ToString();
            source.Next();
            if (key == UnmappedKey && source.TokenType == JsonTokenType.StartObject)
            {
                while (source.Next() && source.TokenType == JsonTokenType.PropertyName)
                {
                    var header = source.Text.ToString();
                    source.Next();
                    var text = ValueText(source);
                    if (unmappedColumns.TryGetValue(header, out var at)) cells[at] = text;
                }
                continue;
            }

            var value = ValueText(source);
            if (columns.TryGetValue(key, out var column)) cells[column] = value;
        }
    }

    /// <summary>The cell text of the value the source is on (consuming an array to its end).</summary>
    private static string ValueText(JsonTokenSource source)
    {
        switch (source.TokenType)
        {
            case JsonTokenType.String:
                return CsvFormulaGuard.Neutralise(source.Text.ToString());
            case JsonTokenType.Number:
                return source.Text.ToString();
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.StartArray or JsonTokenType.StartObject:
                var items = new List<string>();
                var depth = source.Depth;
                while (source.Next() && source.Depth > depth)
                {
                    if (source.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False)
                        items.Add(source.TokenType is JsonTokenType.True ? "true" : source.TokenType is JsonTokenType.False ? "false" : source.Text.ToString());
                }
                return CsvFormulaGuard.Neutralise(string.Join(", ", items));
            default:
                return "";
        }
    }

    /// <summary>The headers of the passed-through columns, in the order rows first name them.</summary>
    private static List<string> UnmappedHeaders(string dataJsonPath)
    {
        var headers = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var input = File.OpenRead(dataJsonPath);
        var source = new JsonTokenSource(input, Path.GetFileName(dataJsonPath));
        var inUnmapped = false;
        while (source.Next())
        {
            if (source.Depth == 2 && source.TokenType == JsonTokenType.PropertyName)
                inUnmapped = source.Text.SequenceEqual(UnmappedKey);
            else if (inUnmapped && source.Depth == 3 && source.TokenType == JsonTokenType.PropertyName && seen.Add(source.Text.ToString()))
                headers.Add(source.Text.ToString());
        }

        return headers;
    }

    private static void WriteRecord(TextWriter output, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) output.Write(',');
            WriteField(output, cells[i]);
        }

        output.Write("\r\n");
    }

    private static void WriteField(TextWriter output, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            output.Write(text);
            return;
        }

        output.Write('"');
        output.Write(text.Replace("\"", "\"\""));
        output.Write('"');
    }
}
