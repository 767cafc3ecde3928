using System.Text.Json;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// The first pass over a JSON file: checks that it is an array of objects and collects their keys, in the order
/// they are first seen, as the header.
/// </summary>
internal sealed class JsonHeader
{
    private JsonHeader(string[] keys, Dictionary<string, int> columnOf)
    {
        Keys = keys;
        ColumnOf = columnOf;
    }

    public string[] Keys { get; }

    public Dictionary<string, int> ColumnOf { get; }

    public static JsonHeader Scan(Stream content, string fileName)
    {
        var source = new JsonTokenSource(content, fileName);
        if (!source.Next())
        {
            throw ReadFailures.Empty(fileName, "the file holds no JSON value.");
        }

        if (source.TokenType != JsonTokenType.StartArray)
        {
            throw ReadFailures.Unreadable(fileName, "expected a JSON array of objects ([{...}, {...}]).");
        }

        var keys = new List<string>();
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = columnOf.GetAlternateLookup<ReadOnlySpan<char>>();
        var elements = 0;

        while (source.Next() && source.Depth > 0)
        {
            if (source.Depth == 1)
            {
                if (source.TokenType == JsonTokenType.StartObject)
                {
                    elements++;
                }
                else if (source.TokenType != JsonTokenType.EndObject)
                {
                    throw ReadFailures.Unreadable(fileName,
                        $"element {elements + 1} (at byte {source.TokenOffset}, line {source.TokenLine}) is {JsonValueText.Describe(source.TokenType)}, expected an object; the file must be a JSON array of objects.");
                }
            }
            else if (source.Depth == 2 && source.TokenType == JsonTokenType.PropertyName && !lookup.ContainsKey(source.Text))
            {
                var key = source.Text.ToString();
                columnOf.Add(key, keys.Count);
                keys.Add(key);
            }
        }

        // Reading on past the array makes the reader refuse anything but whitespace after it.
        while (source.Next())
        {
        }

        if (elements == 0)
        {
            throw ReadFailures.Empty(fileName, "the JSON array is empty: there are no objects to import.");
        }

        return new JsonHeader([.. keys], columnOf);
    }
}
