using System.Buffers;
using System.Text.Json;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Results;

/// <summary>
/// Streams result rows into data.json: a JSON array with one object per row, {fieldKey: typed value} in schema field
/// order (every field, empty ones included), then "$unmapped" when columns are passed through; one row per line so
/// that the file can be read and diffed by people and line tools. Written to a
/// temporary name and moved into place by <see cref="Commit"/>, so a reader never sees a half-written file.
/// </summary>
internal sealed class DataJsonWriter : IDisposable
{
    private readonly string _finalPath;
    private readonly string _tempPath;
    private readonly FileStream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 17);
    private readonly Utf8JsonWriter _writer;
    private readonly JsonEncodedText[] _keys;
    private static readonly JsonEncodedText UnmappedKey = JsonEncodedText.Encode("$unmapped");

    public DataJsonWriter(string path, IReadOnlyList<FieldDefinition> fields)
    {
        _finalPath = path;
        _tempPath = path + ".partial";
        _stream = JsonOutput.Create(_tempPath);
        _writer = new Utf8JsonWriter(_buffer, JsonOutput.WriterOptions);
        _keys = fields.Select(f => JsonEncodedText.Encode(f.Key, JsonOutput.WriterOptions.Encoder)).ToArray();
        _buffer.Write("["u8);
    }

    public long RowsWritten { get; private set; }

    public void Write(ImportRow row)
    {
        // Each row is its own top-level value for the writer; the separators are written here. Rows collect in
        // memory and reach the file in large writes (a write per row would cost a system call per row).
        _buffer.Write(RowsWritten == 0 ? "\n"u8 : ",\n"u8);
        _writer.Reset(_buffer);
        WriteRow(_writer, row, _keys);
        _writer.Flush();
        RowsWritten++;
        if (_buffer.WrittenCount >= JsonOutput.FlushThreshold) Drain();
    }

    /// <summary>Writes one result row that is already JSON (as <see cref="WriteRow"/> made it).</summary>
    public void WriteRaw(ReadOnlySpan<byte> rowJson)
    {
        _buffer.Write(RowsWritten == 0 ? "\n"u8 : ",\n"u8);
        _buffer.Write(rowJson);
        RowsWritten++;
        if (_buffer.WrittenCount >= JsonOutput.FlushThreshold) Drain();
    }

    /// <summary>Writes one result row object (shared with the review and hook code paths).</summary>
    public static void WriteRow(Utf8JsonWriter writer, ImportRow row, JsonEncodedText[] keys)
    {
        writer.WriteStartObject();
        for (var field = 0; field < keys.Length; field++)
        {
            writer.WritePropertyName(keys[field]);
            row.Results[field].WriteTo(writer);
        }
        if (row.Unmapped is { } unmapped)
        {
            writer.WriteStartObject(UnmappedKey);
            foreach (var (header, value) in unmapped) writer.WriteString(header, value);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>Closes the array and moves the file into place; with <paramref name="keepRows"/> false the result is [].</summary>
    public void Commit(bool keepRows)
    {
        _buffer.Write(RowsWritten == 0 ? "]\n"u8 : "\n]\n"u8);
        Drain();
        _writer.Dispose();
        _stream.Dispose();
        if (keepRows) File.Move(_tempPath, _finalPath, overwrite: true);
        else
        {
            File.Delete(_tempPath);
            File.WriteAllText(_finalPath, "[]\n");
        }
    }

    private void Drain()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
        if (File.Exists(_tempPath)) File.Delete(_tempPath);
    }
}
