using System.Text.Json;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>
/// What the column hooks did, computed once by the planner (a column hook needs its whole column before any row hook
/// runs) and carried in the plan to every chunk: the changes by field, and the hooks' console output (which comes
/// first in the import's log, as in the whole-file run).
/// </summary>
internal sealed record ColumnHookResults(IReadOnlyList<FieldColumnChanges> Fields, IReadOnlyList<string> LogLines, long DroppedLogBytes)
{
    public static ColumnHookResults From(Dictionary<long, ColumnCellChange>[] changesByField, IReadOnlyList<FieldDefinition> fields, CompiledHooks hooks) =>
        new(changesByField.Select((changes, field) => (changes, field)).Where(p => p.changes is not null)
                .Select(p => new FieldColumnChanges(fields[p.field].Key, p.changes.Values.OrderBy(c => c.Index).ToArray())).ToArray(),
            hooks.ConsoleLogParts.Lines.ToArray(), hooks.ConsoleLogParts.DroppedBytes);

    /// <summary>The changes of rows [<paramref name="firstRow"/>, <paramref name="endRow"/>) by field index, as <see cref="BatchSteps"/> takes them.</summary>
    public Dictionary<long, ColumnCellChange>[] ForRows(IReadOnlyList<FieldDefinition> fields, long firstRow, long endRow)
    {
        var byField = new Dictionary<long, ColumnCellChange>[fields.Count];
        foreach (var field in Fields)
        {
            var index = fields.Select(f => f.Key).ToList().IndexOf(field.FieldKey);
            if (index < 0) throw new InvalidDataException($"the split plan has column-hook changes for field '{field.FieldKey}', which the schema does not have");
            byField[index] = field.Changes.Where(c => c.Index >= firstRow && c.Index < endRow).ToDictionary(c => c.Index);
        }
        return byField;
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("log");
        foreach (var line in LogLines) w.WriteStringValue(line);
        w.WriteEndArray();
        w.WriteNumber("droppedLogBytes", DroppedLogBytes);
        w.WriteStartArray("fields");
        foreach (var field in Fields)
        {
            w.WriteStartObject();
            w.WriteString("field", field.FieldKey);
            w.WriteStartArray("changes");
            foreach (var change in field.Changes)
            {
                w.WriteStartObject();
                w.WriteNumber("i", change.Index);
                if (change.HasValue)
                {
                    w.WritePropertyName("v");
                    WriteValue(w, change.Value);
                }
                if (change.Info is { } info)
                {
                    w.WriteStartArray("info");
                    foreach (var message in info)
                    {
                        w.WriteStartArray();
                        w.WriteStringValue(message.Message);
                        w.WriteNumberValue((int)message.Level);
                        w.WriteEndArray();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads what <see cref="Write"/> wrote; a damaged part throws FormatException naming <paramref name="source"/>.</summary>
    public static ColumnHookResults Read(JsonElement element, string source)
    {
        try
        {
            var fields = element.GetProperty("fields").EnumerateArray().Select(f => new FieldColumnChanges(
                f.GetProperty("field").GetString()!,
                f.GetProperty("changes").EnumerateArray().Select(c => new ColumnCellChange(
                    c.GetProperty("i").GetInt64(),
                    c.TryGetProperty("v", out var value),
                    c.TryGetProperty("v", out var v) ? ReadValue(v) : CellValue.Null,
                    c.TryGetProperty("info", out var info)
                        ? info.EnumerateArray().Select(m => new CellMessage(m[0].GetString()!, (MessageLevel)m[1].GetInt32())).ToList()
                        : null)).ToArray())).ToArray();
            var log = element.GetProperty("log").EnumerateArray().Select(l => l.GetString()!).ToArray();
            return new ColumnHookResults(fields, log, element.GetProperty("droppedLogBytes").GetInt64());
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new FormatException($"{source}: not a valid split plan: columnHooks is damaged ({e.Message}).", e);
        }
    }

    // Numbers as their exact bits: the raw value a hook set (even -0 or NaN) reaches the type parser unchanged.
    private static void WriteValue(Utf8JsonWriter w, CellValue value)
    {
        switch (value.Kind)
        {
            case CellValueKind.String: w.WriteStringValue(value.StringValue); break;
            case CellValueKind.Boolean: w.WriteBooleanValue(value.BooleanValue); break;
            case CellValueKind.Number:
                w.WriteStartObject();
                w.WriteNumber("bits", BitConverter.DoubleToInt64Bits(value.NumberValue));
                w.WriteEndObject();
                break;
            case CellValueKind.Array:
                w.WriteStartArray();
                foreach (var item in value.ArrayValue) WriteValue(w, item);
                w.WriteEndArray();
                break;
            default: w.WriteNullValue(); break;
        }
    }

    private static CellValue ReadValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => CellValue.FromString(e.GetString()),
        JsonValueKind.True => CellValue.True,
        JsonValueKind.False => CellValue.False,
        JsonValueKind.Object => CellValue.FromNumber(BitConverter.Int64BitsToDouble(e.GetProperty("bits").GetInt64())),
        JsonValueKind.Array => CellValue.FromArray(e.EnumerateArray().Select(ReadValue).ToArray()),
        _ => CellValue.Null,
    };
}

/// <summary>One hooked field's changes, in row order.</summary>
internal sealed record FieldColumnChanges(string FieldKey, IReadOnlyList<ColumnCellChange> Changes);
