using System.Buffers;
using System.Text.Json;
using ImportOperator.Engine.Results;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// A temporary file of processed rows, for when a row's verdict depends on rows not yet read (the unique validators
/// flag the first occurrence of a value too), so rows wait on disk, not in memory. A row is stored as its finished
/// result JSON (which no later step changes; left out when data.json was written ahead) plus only the cells a later
/// step reads: those of the unique fields (the tracker compares them) and those carrying messages (the issue log
/// lists them with their values).
/// </summary>
internal sealed class RowSpill : ISpilledRows, IDisposable
{
    /// <summary>In place of a result's kind byte: the result is the same text as the raw value.</summary>
    private const byte SameTextAsValue = byte.MaxValue;

    private readonly bool[] _alwaysKept;
    private readonly bool _keepJson;
    private readonly JsonEncodedText[] _keys;
    private readonly ArrayBufferWriter<byte> _json = new(4096);
    private readonly Utf8JsonWriter _jsonWriter;
    private Stream? _stream;
    private BinaryWriter? _writer;
    private readonly bool _ownsStream;

    /// <param name="directory">Folder for the temporary file (deleted when the spill is disposed).</param>
    /// <param name="fields">The schema's fields, for the result JSON's keys.</param>
    /// <param name="keptFields">Per field: true when every row must keep the cell (a unique field).</param>
    /// <param name="keepJson">Whether rows keep their result JSON (not needed when data.json was written ahead).</param>
    public RowSpill(string directory, IReadOnlyList<FieldDefinition> fields, bool[] keptFields, bool keepJson)
        : this(new FileStream(Path.Combine(directory, $".rows-{Guid.NewGuid():N}.spill"), FileMode.Create, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose), fields, keptFields, keepJson, ownsStream: true)
    {
    }

    /// <summary>
    /// Rows written to <paramref name="stream"/> from its current position, in the same format: a split run's chunk
    /// file, which outlives the process (the merge reads it with <see cref="ReadRows"/>).
    /// </summary>
    public RowSpill(Stream stream, IReadOnlyList<FieldDefinition> fields, bool[] keptFields, bool keepJson, bool ownsStream)
    {
        _keepJson = keepJson;
        _alwaysKept = keptFields;
        _keys = fields.Select(f => JsonEncodedText.Encode(f.Key, JsonOutput.WriterOptions.Encoder)).ToArray();
        _jsonWriter = new Utf8JsonWriter(_json, JsonOutput.WriterOptions);
        _stream = stream;
        _ownsStream = ownsStream;
        _writer = new BinaryWriter(_stream, System.Text.Encoding.UTF8, leaveOpen: !ownsStream);
    }

    /// <summary>Pushes buffered rows to the stream.</summary>
    public void Flush() => _writer!.Flush();

    public long Count { get; private set; }

    public void Write(ImportRow row)
    {
        var w = _writer!;
        w.Write(row.Index);
        _json.ResetWrittenCount();
        if (_keepJson)
        {
            _jsonWriter.Reset(_json);
            DataJsonWriter.WriteRow(_jsonWriter, row, _keys);
            _jsonWriter.Flush();
        }
        w.Write(_json.WrittenCount);
        w.Write(_json.WrittenSpan);
        for (var field = 0; field < _alwaysKept.Length; field++)
        {
            var kept = _alwaysKept[field] || row.ParseErrors[field] is not null || row.HookInfo?[field] is not null ||
                       row.ValidatorMessages?[field] is not null;
            w.Write(kept);
            if (!kept) continue;
            WriteValue(w, row.Values[field]);
            WriteResult(w, row.Values[field], row.Results[field]);
            WriteMessage(w, row.ParseErrors[field]);
            WriteMessages(w, row.HookInfo?[field]);
            WriteMessages(w, row.ValidatorMessages?[field]);
        }
        WriteMessages(w, row.RowMessages);
        Count++;
    }

    /// <summary>
    /// Reads every row back in the order written and hands it to <paramref name="accept"/> with its result JSON. The
    /// row holds the kept cells only; the JSON span is valid during the call. Call after the last Write; may be
    /// called again (each call reads from the start).
    /// </summary>
    public void ReadAll(Action<ImportRow, ReadOnlyMemory<byte>> accept)
    {
        _writer!.Flush();
        _stream!.Position = 0;
        ReadRows(_stream, Count, _alwaysKept.Length, accept);
    }

    /// <summary>Reads <paramref name="count"/> rows written by <see cref="Write"/> from the stream's position.</summary>
    public static void ReadRows(Stream stream, long count, int fieldCount, Action<ImportRow, ReadOnlyMemory<byte>> accept)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var json = new byte[4096];
        for (long i = 0; i < count; i++)
        {
            var row = new ImportRow(reader.ReadInt64(), fieldCount);
            var length = reader.ReadInt32();
            if (json.Length < length) json = new byte[Math.Max(length, json.Length * 2)];
            reader.BaseStream.ReadExactly(json, 0, length);
            for (var field = 0; field < fieldCount; field++)
            {
                if (!reader.ReadBoolean()) continue;
                row.Values[field] = ReadValue(reader);
                row.Results[field] = ReadResult(reader, row.Values[field]);
                row.ParseErrors[field] = ReadMessage(reader);
                if (ReadMessages(reader) is { } info) row.SetHookInfo(field, info);
                if (ReadMessages(reader) is { } validators) foreach (var message in validators) row.AddValidatorMessage(field, message);
            }
            if (ReadMessages(reader) is { } rowMessages) foreach (var message in rowMessages) row.AddRowMessage(message);
            accept(row, json.AsMemory(0, length));
        }
    }

    private static void WriteValue(BinaryWriter w, CellValue value)
    {
        w.Write((byte)value.Kind);
        switch (value.Kind)
        {
            case CellValueKind.String: w.Write(value.StringValue!); break;
            case CellValueKind.Number: w.Write(value.NumberValue); break;
            case CellValueKind.Boolean: w.Write(value.BooleanValue); break;
            case CellValueKind.Array:
                var items = value.ArrayValue;
                w.Write(items.Count);
                foreach (var item in items) WriteValue(w, item);
                break;
        }
    }

    /// <summary>
    /// Most result texts are the raw text itself (names, e-mails, select values): those are stored as one marker
    /// byte instead of a second copy, and read back as the same string (one string less per row on both sides).
    /// </summary>
    private static void WriteResult(BinaryWriter w, CellValue value, CellValue result)
    {
        if (result.Kind == CellValueKind.String && value.Kind == CellValueKind.String &&
            string.Equals(result.StringValue, value.StringValue, StringComparison.Ordinal))
            w.Write(SameTextAsValue);
        else
            WriteValue(w, result);
    }

    private static CellValue ReadResult(BinaryReader r, CellValue value)
    {
        var tag = r.ReadByte();
        return tag == SameTextAsValue ? value : ReadValue(r, (CellValueKind)tag);
    }

    private static CellValue ReadValue(BinaryReader r) => ReadValue(r, (CellValueKind)r.ReadByte());

    private static CellValue ReadValue(BinaryReader r, CellValueKind kind) => kind switch
    {
        CellValueKind.String => CellValue.FromString(r.ReadString()),
        CellValueKind.Number => CellValue.FromNumber(r.ReadDouble()),
        CellValueKind.Boolean => CellValue.FromBoolean(r.ReadBoolean()),
        CellValueKind.Array => CellValue.FromArray(ReadItems(r)),
        _ => CellValue.Null,
    };

    private static CellValue[] ReadItems(BinaryReader r)
    {
        var items = new CellValue[r.ReadInt32()];
        for (var i = 0; i < items.Length; i++) items[i] = ReadValue(r);
        return items;
    }

    private static void WriteMessage(BinaryWriter w, CellMessage? message)
    {
        w.Write(message.HasValue);
        if (message is not { } m) return;
        w.Write(m.Message);
        w.Write((byte)m.Level);
    }

    private static CellMessage? ReadMessage(BinaryReader r) =>
        r.ReadBoolean() ? new CellMessage(r.ReadString(), (MessageLevel)r.ReadByte()) : null;

    private static void WriteMessages(BinaryWriter w, List<CellMessage>? messages)
    {
        w.Write(messages?.Count ?? -1);
        if (messages is null) return;
        foreach (var message in messages)
        {
            w.Write(message.Message);
            w.Write((byte)message.Level);
        }
    }

    private static List<CellMessage>? ReadMessages(BinaryReader r)
    {
        var count = r.ReadInt32();
        if (count < 0) return null;
        var list = new List<CellMessage>(count);
        for (var i = 0; i < count; i++) list.Add(new CellMessage(r.ReadString(), (MessageLevel)r.ReadByte()));
        return list;
    }

    public void Dispose()
    {
        _jsonWriter.Dispose();
        _writer?.Dispose();
        if (_ownsStream) _stream?.Dispose();
        _writer = null;
        _stream = null;
    }
}
