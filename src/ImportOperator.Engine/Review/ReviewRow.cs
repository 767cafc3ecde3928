using System.Text.Json;
using ImportOperator.Engine.Results;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Review;

/// <summary>
/// One data row as review keeps it: the raw values after hooks (what re-parses to the results), the hooks' info and
/// the row's own messages (both only hooks or reading can make), and — derived, kept for display and the errors
/// filter — every message per field and whether the row is invalid. Stored as one JSON line.
/// </summary>
public sealed class ReviewRow
{
    public required long Index { get; init; }
    public required CellValue[] Values { get; init; }
    public List<CellMessage>?[]? HookInfo { get; init; }
    public List<CellMessage>? RowMessages { get; init; }
    public List<KeyValuePair<string, string>>? Unmapped { get; init; }

    /// <summary>All messages per field in reporting order (parse error, hook info, validators).</summary>
    public required CellMessage[][] Messages { get; init; }

    public required bool HasError { get; init; }

    /// <summary>Takes a finished row (parsed, hooked, validated).</summary>
    internal static ReviewRow From(ImportRow row) => new()
    {
        Index = row.Index,
        Values = (CellValue[])row.Values.Clone(),
        HookInfo = row.HookInfo is { } info ? info.Select(list => list is null ? null : new List<CellMessage>(list)).ToArray() : null,
        RowMessages = row.RowMessages is { } messages ? [.. messages] : null,
        Unmapped = row.Unmapped,
        Messages = Enumerable.Range(0, row.Values.Length).Select(f => row.MessagesOf(f).ToArray()).ToArray(),
        HasError = row.HasError,
    };

    /// <summary>A pipeline row with this row's values, hook info and row messages, not yet parsed or validated.</summary>
    internal ImportRow ToImportRow(long index)
    {
        var row = new ImportRow(index, Values.Length);
        Values.CopyTo(row.Values, 0);
        if (HookInfo is not null)
            for (var f = 0; f < HookInfo.Length; f++) if (HookInfo[f] is { } info) row.SetHookInfo(f, [.. info]);
        if (RowMessages is not null) foreach (var message in RowMessages) row.AddRowMessage(message);
        row.Unmapped = Unmapped;
        return row;
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("i", Index);
        writer.WriteStartArray("v");
        foreach (var value in Values) value.WriteTo(writer);
        writer.WriteEndArray();
        if (HookInfo is not null)
        {
            writer.WriteStartArray("h");
            foreach (var info in HookInfo) WriteMessages(writer, info);
            writer.WriteEndArray();
        }
        if (RowMessages is not null)
        {
            writer.WritePropertyName("r");
            WriteMessages(writer, RowMessages);
        }
        if (Unmapped is not null)
        {
            writer.WriteStartArray("u");
            foreach (var (header, value) in Unmapped)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(header);
                writer.WriteStringValue(value);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        writer.WriteStartArray("m");
        foreach (var messages in Messages) WriteMessages(writer, messages);
        writer.WriteEndArray();
        writer.WriteBoolean("x", HasError);
        writer.WriteEndObject();
    }

    public byte[] ToJsonBytes()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions)) WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }

    public static ReviewRow Read(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        return Read(document.RootElement);
    }

    public static ReviewRow Read(JsonElement root)
    {
        var values = root.GetProperty("v").EnumerateArray().Select(CellValue.FromJson).ToArray();
        return new ReviewRow
        {
            Index = root.GetProperty("i").GetInt64(),
            Values = values,
            HookInfo = root.TryGetProperty("h", out var h) ? h.EnumerateArray().Select(ReadMessageList).ToArray() : null,
            RowMessages = root.TryGetProperty("r", out var r) ? ReadMessageList(r) : null,
            Unmapped = root.TryGetProperty("u", out var u)
                ? u.EnumerateArray().Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString()!)).ToList()
                : null,
            Messages = root.GetProperty("m").EnumerateArray().Select(m => (ReadMessageList(m) ?? []).ToArray()).ToArray(),
            HasError = root.GetProperty("x").GetBoolean(),
        };
    }

    private static void WriteMessages(Utf8JsonWriter writer, IEnumerable<CellMessage>? messages)
    {
        if (messages is null) { writer.WriteNullValue(); return; }
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(message.Message);
            writer.WriteStringValue(LevelNames.Of(message.Level));
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    private static List<CellMessage>? ReadMessageList(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null
            : element.EnumerateArray().Select(m => new CellMessage(m[0].GetString()!, LevelOf(m[1].GetString()))).ToList();

    private static MessageLevel LevelOf(string? name) => name switch
    {
        "warning" => MessageLevel.Warning,
        "info" => MessageLevel.Info,
        _ => MessageLevel.Error,
    };
}
