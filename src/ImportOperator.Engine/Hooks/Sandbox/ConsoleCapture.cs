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
        foreach (var line in buffer.Lines)
        {
            var bytes = Encoding.UTF8.GetByteCount(line) + 1;
            if (_keptBytes + bytes > limitBytes) { _droppedBytes += bytes; continue; }
            _keptBytes += bytes;
            _lines.Add(line);
        }
        _droppedBytes += buffer.DroppedBytes;
        buffer.Clear();
    }

    public IReadOnlyList<string> Snapshot() =>
        _droppedBytes == 0 ? _lines.ToArray() : [.. _lines, $"... {_droppedBytes} more bytes dropped"];
}
