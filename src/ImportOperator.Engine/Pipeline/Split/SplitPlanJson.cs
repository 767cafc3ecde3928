using System.Buffers;
using System.Text.Json;

namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>
/// A split plan as JSON, written and read by hand so that every field is checked on the way in: a plan travels
/// between pods through storage, and a damaged one must fail loudly, naming where it came from.
/// </summary>
internal static class SplitPlanJson
{
    private const int Version = 1;

    public static byte[] Write(SplitPlan plan)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WriteNumber("inputLength", plan.InputLength);
            w.WriteString("delimiter", plan.Delimiter.ToString());
            w.WriteNumber("headLength", plan.HeadLength);
            w.WriteNumber("headerPosition", plan.HeaderPosition);
            w.WriteNumber("droppedRows", plan.DroppedRows);
            w.WriteStartArray("chunks");
            foreach (var c in plan.Chunks)
            {
                w.WriteStartObject();
                w.WriteNumber("index", c.Index);
                w.WriteNumber("startByte", c.StartByte);
                w.WriteNumber("endByte", c.EndByte);
                w.WriteNumber("firstRowIndex", c.FirstRowIndex);
                w.WriteNumber("rowCount", c.RowCount);
                w.WriteNumber("firstLine", c.FirstLine);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static SplitPlan Read(ReadOnlySpan<byte> json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Damaged(source, "the plan is not a JSON object");
            var version = Int(root, "version", source);
            if (version != Version) throw Damaged(source, $"version is {version}, this engine reads version {Version}");
            var delimiter = String(root, "delimiter", source);
            if (delimiter.Length != 1) throw Damaged(source, $"delimiter must be one character, got \"{delimiter}\"");
            if (!root.TryGetProperty("chunks", out var chunksElement) || chunksElement.ValueKind != JsonValueKind.Array)
                throw Damaged(source, "chunks is missing or not an array");
            var chunks = new List<SplitChunk>();
            foreach (var c in chunksElement.EnumerateArray())
            {
                var where = $"chunks[{chunks.Count}]";
                var chunk = new SplitChunk((int)Int(c, "index", source, where), Long(c, "startByte", source, where), Long(c, "endByte", source, where),
                    Long(c, "firstRowIndex", source, where), Long(c, "rowCount", source, where)) { FirstLine = Long(c, "firstLine", source, where) };
                if (chunk.Index != chunks.Count) throw Damaged(source, $"{where}.index is {chunk.Index}, expected {chunks.Count}");
                if (chunk.Length < 0 || chunk.RowCount < 0 || chunk.StartByte < 0)
                    throw Damaged(source, $"{where} has a negative length or row count");
                chunks.Add(chunk);
            }
            var plan = new SplitPlan
            {
                InputLength = Long(root, "inputLength", source),
                Chunks = chunks,
                Delimiter = delimiter[0],
                HeadLength = Long(root, "headLength", source),
                HeaderPosition = (int)Int(root, "headerPosition", source),
                DroppedRows = Long(root, "droppedRows", source),
            };
            if (chunks.Count > 0 && chunks[^1].EndByte > plan.InputLength)
                throw Damaged(source, $"the last chunk ends at byte {chunks[^1].EndByte:N0}, past the input's {plan.InputLength:N0} bytes");
            return plan;
        }
        catch (JsonException e)
        {
            throw Damaged(source, $"not valid JSON ({e.Message})", e);
        }
    }

    private static JsonElement Property(JsonElement element, string name, string source, string? where)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
            throw Damaged(source, $"{Path(where, name)} is missing");
        return value;
    }

    private static long Long(JsonElement element, string name, string source, string? where = null) =>
        Property(element, name, source, where) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number)
            ? number
            : throw Damaged(source, $"{Path(where, name)} must be a whole number");

    private static long Int(JsonElement element, string name, string source, string? where = null) =>
        Long(element, name, source, where) is var value && value is >= int.MinValue and <= int.MaxValue
            ? value
            : throw Damaged(source, $"{Path(where, name)} is out of range");

    private static string String(JsonElement element, string name, string source) =>
        Property(element, name, source, null) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw Damaged(source, $"{name} must be a string");

    private static string Path(string? where, string name) => where is null ? name : $"{where}.{name}";

    private static FormatException Damaged(string source, string what, Exception? inner = null) =>
        new($"{source}: not a valid split plan: {what}.", inner);
}
