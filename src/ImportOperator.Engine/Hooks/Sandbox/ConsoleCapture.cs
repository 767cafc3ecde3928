using System.Text;

namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>
/// Console output of one engine while it runs a slice of rows. Kept per engine so that parallel engines never
/// contend, and appended to the import's log in slice order so that the log reads in row order.
/// </summary>
internal sealed class ConsoleBuffer(int limitBytes)
{
    private readonly List<string> _lines = [];
    private long _keptBytes;

    public long DroppedBytes { get; private set; }

    public IReadOnlyList<string> Lines => _lines;

    public void Write(string line)
    {
        var bytes = Encoding.UTF8.GetByteCount(line) + 1;
        if (_keptBytes + bytes > limitBytes) { DroppedBytes += bytes; return; }
        _keptBytes += bytes;
        _lines.Add(line);
    }

    public void Clear()
    {
        _lines.Clear();
        _keptBytes = 0;
        DroppedBytes = 0;
    }
}

/// <summary>The import's console log: at most the configured bytes, then a count of what was dropped.</summary>
internal sealed class ConsoleLogSink(int limitBytes)
{
    private readonly List<string> _lines = [];
    private long _keptBytes;
    private long _droppedBytes;

    public void Append(ConsoleBuffer buffer)
    {
        Append(buffer.Lines, buffer.DroppedBytes);
        buffer.Clear();
    }

    /// <summary>Appends lines and a count of bytes already dropped (another sink's <see cref="Lines"/> and <see cref="DroppedBytes"/>).</summary>
    public void Append(IReadOnlyList<string> lines, long droppedBytes)
    {
        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetByteCount(line) + 1;
            if (_keptBytes + bytes > limitBytes) { _droppedBytes += bytes; continue; }
            _keptBytes += bytes;
            _lines.Add(line);
        }
        _droppedBytes += droppedBytes;
    }

    /// <summary>The lines kept so far (without the "dropped" note).</summary>
    public IReadOnlyList<string> Lines => _lines;

    public long DroppedBytes => _droppedBytes;

    public IReadOnlyList<string> Snapshot() =>
        _droppedBytes == 0 ? _lines.ToArray() : [.. _lines, $"... {_droppedBytes} more bytes dropped"];
}
