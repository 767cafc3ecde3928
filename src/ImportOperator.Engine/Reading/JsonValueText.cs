using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// The text of a JSON value as a cell: strings as they are, numbers as written, true/false, null as empty, and a
/// nested object or array as its compact JSON text (so no data is lost; hooks can parse it back).
/// </summary>
internal static class JsonValueText
{
    // Keep "Müller" readable in the cell, as in the result files: this text is data, not HTML.
    private static readonly JsonWriterOptions WriterOptions = Results.JsonOutput.WriterOptions;

    /// <summary>
    /// Reads the value of <paramref name="key"/> whose first token <paramref name="source"/> is on and returns its
    /// cell text; a nested value larger than a cell can be fails the read instead of filling memory.
    /// </summary>
    public static string Read(JsonTokenSource source, string key) => source.TokenType switch
    {
        JsonTokenType.String or JsonTokenType.Number => source.Text.ToString(),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "",
        _ => Nested(source, key),
    };

    private static string Nested(JsonTokenSource source, string key)
    {
        var line = source.TokenLine;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var depth = source.Depth;
            Write(source, writer);
            while (source.Next())
            {
                Write(source, writer);
                if (writer.BytesPending + writer.BytesCommitted > JsonTokenSource.MaxTokenBytes)
                    throw ReadFailures.Unreadable(source.FileName,
                        $"line {line}: the value of \"{key}\" is larger than {JsonTokenSource.MaxTokenBytes >> 20} MB; no cell holds that much.");
                if (source.Depth == depth && source.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    break;
                }
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(JsonTokenSource source, Utf8JsonWriter writer)
    {
        switch (source.TokenType)
        {
            case JsonTokenType.StartObject: writer.WriteStartObject(); break;
            case JsonTokenType.EndObject: writer.WriteEndObject(); break;
            case JsonTokenType.StartArray: writer.WriteStartArray(); break;
            case JsonTokenType.EndArray: writer.WriteEndArray(); break;
            case JsonTokenType.PropertyName: writer.WritePropertyName(source.Text); break;
            case JsonTokenType.String: writer.WriteStringValue(source.Text); break;
            case JsonTokenType.Number: writer.WriteRawValue(source.Text, skipInputValidation: true); break;
            case JsonTokenType.True: writer.WriteBooleanValue(true); break;
            case JsonTokenType.False: writer.WriteBooleanValue(false); break;
            case JsonTokenType.Null: writer.WriteNullValue(); break;
        }
    }

    /// <summary>What a value is, in words, for messages about elements that are not objects.</summary>
    public static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        _ => "not an object",
    };
}
