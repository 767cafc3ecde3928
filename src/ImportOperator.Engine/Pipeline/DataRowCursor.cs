using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Reading;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// Reads a file's non-blank rows through an <see cref="ITabularReader"/>: first the top rows (for finding the header),
/// then, after <see cref="SkipTo"/>, the data rows one by one. Blank rows are skipped here and nowhere else.
/// </summary>
internal sealed class DataRowCursor : IDisposable
{
    private readonly ITabularReader _reader;
    private readonly Queue<SourceRow> _buffered = new();

    private DataRowCursor(ITabularReader reader) => _reader = reader;

    public static DataRowCursor Open(ImportRequest request, ReadOptions options)
    {
        var stream = request.OpenInput();
        try
        {
            return new DataRowCursor(TabularReaderFactory.Open(stream, request.FileName, options));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>A cursor over a reader opened by the caller (a split chunk's part of the file).</summary>
    public static DataRowCursor Over(ITabularReader reader) => new(reader);

    public ITabularReader Reader => _reader;

    /// <summary>Reads up to <paramref name="count"/> non-blank rows from the start and keeps them for <see cref="SkipTo"/>.</summary>
    public IReadOnlyList<SourceRow> PeekTop(int count)
    {
        while (_buffered.Count < count && ReadNonBlank(out var row)) _buffered.Enqueue(row);
        return _buffered.ToArray();
    }

    /// <summary>Positions the cursor after the first <paramref name="nonBlankRows"/> non-blank rows (header and above).</summary>
    public void SkipTo(int nonBlankRows)
    {
        for (var skipped = 0; skipped < nonBlankRows; skipped++)
        {
            if (_buffered.Count > 0) _buffered.Dequeue();
            else if (!ReadNonBlank(out _)) break;
        }
    }

    public bool TryRead(out SourceRow row)
    {
        if (_buffered.Count > 0)
        {
            row = _buffered.Dequeue();
            return true;
        }
        return ReadNonBlank(out row);
    }

    private bool ReadNonBlank(out SourceRow row)
    {
        while (_reader.TryReadRow(out var cells))
        {
            if (SourceRow.IsBlank(cells)) continue;
            row = new SourceRow(cells, _reader.SourceLine);
            return true;
        }
        row = default;
        return false;
    }

    public void Dispose() => _reader.Dispose();
}
