using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// A temporary file of processed rows in a compact binary form. Used when the outcome of a row depends on rows not
/// yet read (the unique validators flag the first occurrence of a value too), so rows wait on disk, not in memory.
/// </summary>
internal sealed class RowSpill : IDisposable
{
    private readonly string _path;
    private readonly int _fieldCount;
    private FileStream? _stream;
    private BinaryWriter? _writer;

    public RowSpill(string directory, int fieldCount)
    {
        _path = Path.Combine(directory, $".rows-{Guid.NewGuid():N}.spill");
        _fieldCount = fieldCount;
        _stream = new FileStream(_path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _writer = new BinaryWriter(_stream);
    }

    public long Count { get; private set; }

    public void Write(ImportRow row)
    {
        var w = _writer!;
        w.Write(row.Index);
        for (var field = 0; field < _fieldCount; field++)
        {
            WriteValue(w, row.Values[field]);
            WriteValue(w, row.Results[field]);
            WriteMessage(w, row.ParseErrors[field]);
            WriteMessages(w, row.HookInfo?[field]);
            WriteMessages(w, row.ValidatorMessages?[field]);
        }
        WriteMessages(w, row.RowMessages);
        var unmapped = row.Unmapped;
        w.Write(unmapped?.Count ?? -1);
        if (unmapped is not null)
            foreach (var (header, value) in unmapped)
            {
                w.Write(header);
                w.Write(value);
            }
        Count++;
    }

    /// <summary>Reads every row back in the order written. Call once, after the last <see cref="Write"/>.</summary>
    public IEnumerable<ImportRow> ReadAll()
    {
        _writer!.Flush();
        _stream!.Position = 0;
        using var reader = new BinaryReader(_stream, System.Text.Encoding.UTF8, leaveOpen: true);
        for (long i = 0; i < Count; i++)
        {
            var row = new ImportRow(reader.ReadInt64(), _fieldCount);
            for (var field = 0; field < _fieldCount; field++)
            {
                row.Values[field] = ReadValue(reader);
                row.Results[field] = ReadValue(reader);
                row.ParseErrors[field] = ReadMessage(reader);
                if (ReadMessages(reader) is { } info) row.SetHookInfo(field, info);
                if (ReadMessages(reader) is { } validators) foreach (var message in validators) row.AddValidatorMessage(field, message);
            }
            if (ReadMessages(reader) is { } rowMessages) foreach (var message in rowMessages) row.AddRowMessage(message);
            var unmappedCount = reader.ReadInt32();
            if (unmappedCount >= 0)
            {
                var unmapped = new List<KeyValuePair<string, string>>(unmappedCount);
                for (var u = 0; u < unmappedCount; u++) unmapped.Add(new(reader.ReadString(), reader.ReadString()));
                row.Unmapped = unmapped;
            }
            yield return row;
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

    private static CellValue ReadValue(BinaryReader r) => (CellValueKind)r.ReadByte() switch
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
        _writer?.Dispose();
        _stream?.Dispose();
        _writer = null;
        _stream = null;
    }
}
