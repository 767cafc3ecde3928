namespace ImportOperator.Engine.Review;

/// <summary>
/// A materialised review table in a folder: <c>rows.jsonl</c> (one <see cref="ReviewRow"/> per line, in row order),
/// <c>rows.idx</c> (the byte offset of each line, 8 bytes little-endian per row) and <c>errors.idx</c> (the positions
/// of invalid rows, ascending). Both indexes are loaded into memory (8 bytes per row: 8 MB at a million rows), so a
/// page is a few seeks whatever the file's size. Read-only once built; safe to read from many requests at once.
/// </summary>
public sealed class ReviewTable
{
    internal const string RowsFile = "rows.jsonl";
    internal const string OffsetsFile = "rows.idx";
    internal const string ErrorsFile = "errors.idx";

    private readonly long[] _offsets;
    private readonly long[] _errorRows;
    private readonly long _rowsLength;

    private ReviewTable(string directory, ReviewLayout layout, long[] offsets, long[] errorRows)
    {
        Directory = directory;
        Layout = layout;
        _offsets = offsets;
        _errorRows = errorRows;
        _rowsLength = new FileInfo(Path.Combine(directory, RowsFile)).Length;
    }

    public string Directory { get; }
    public ReviewLayout Layout { get; }
    public long RowCount => _offsets.Length;
    public long ErrorRowCount => _errorRows.Length;

    internal static ReviewTable Open(string directory, ReviewLayout layout) =>
        new(directory, layout, ReadLongs(Path.Combine(directory, OffsetsFile)), ReadLongs(Path.Combine(directory, ErrorsFile)));

    /// <summary>The stored row at <paramref name="position"/> (as materialised, before edits).</summary>
    public ReviewRow Read(long position)
    {
        using var stream = OpenRows();
        return Read(stream, position);
    }

    /// <summary>Every stored row in order (for finishing).</summary>
    public IEnumerable<ReviewRow> ReadAll()
    {
        using var stream = OpenRows();
        for (long p = 0; p < RowCount; p++) yield return Read(stream, p);
    }

    /// <summary>
    /// One page of the view the person sees: rows in order, deleted rows left out, edited rows as edited, and with
    /// <paramref name="errorsOnly"/> only rows that are invalid now. Returns the view's total too.
    /// </summary>
    public ReviewPage Page(ReviewEdits edits, bool errorsOnly, long start, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var view = new View(this, edits, errorsOnly);
        var total = view.CountUpTo(RowCount - 1);
        var rows = new List<ReviewRow>(Math.Min(size, 1000));
        if (start < total)
        {
            using var stream = OpenRows();
            foreach (var position in view.From(view.PositionOf(start)))
            {
                rows.Add(edits.Edited.TryGetValue(position, out var edited) ? edited : Read(stream, position));
                if (rows.Count == size) break;
            }
        }
        return new ReviewPage(total, start, rows);
    }

    private ReviewRow Read(FileStream stream, long position)
    {
        var begin = _offsets[position];
        var end = position + 1 < _offsets.Length ? _offsets[position + 1] : _rowsLength;
        var buffer = new byte[end - begin];
        stream.Position = begin;
        stream.ReadExactly(buffer);
        return ReviewRow.Read(buffer.AsSpan().TrimEnd((byte)'\n'));
    }

    private FileStream OpenRows() =>
        new(Path.Combine(Directory, RowsFile), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 14, FileOptions.RandomAccess);

    private static long[] ReadLongs(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new long[bytes.Length / 8];
        for (var i = 0; i < values.Length; i++) values[i] = BitConverter.ToInt64(bytes, i * 8);
        return values;
    }

    /// <summary>
    /// The positions a view holds, counted without walking the table: the base sequence (every row, or the rows
    /// invalid when materialised) minus what the edits took out plus what they brought in (both small sets).
    /// </summary>
    private sealed class View
    {
        private readonly ReviewTable _table;
        private readonly bool _errorsOnly;
        private readonly long[] _removed;
        private readonly long[] _added;

        public View(ReviewTable table, ReviewEdits edits, bool errorsOnly)
        {
            _table = table;
            _errorsOnly = errorsOnly;
            var removed = new SortedSet<long>();
            var added = new SortedSet<long>();
            foreach (var deleted in edits.Deleted)
                if (deleted >= 0 && deleted < table.RowCount && InBase(deleted)) removed.Add(deleted);
            if (errorsOnly)
                foreach (var (position, row) in edits.Edited)
                {
                    if (edits.Deleted.Contains(position) || position < 0 || position >= table.RowCount) continue;
                    var wasInvalid = InBase(position);
                    if (wasInvalid && !row.HasError) removed.Add(position);
                    if (!wasInvalid && row.HasError) added.Add(position);
                }
            _removed = [.. removed];
            _added = [.. added];
        }

        private bool InBase(long position) => !_errorsOnly || Array.BinarySearch(_table._errorRows, position) >= 0;

        /// <summary>How many of the view's positions are ≤ <paramref name="position"/>.</summary>
        public long CountUpTo(long position)
        {
            if (position < 0) return 0;
            var baseCount = _errorsOnly ? CountLessOrEqual(_table._errorRows, position) : position + 1;
            return baseCount - CountLessOrEqual(_removed, position) + CountLessOrEqual(_added, position);
        }

        /// <summary>The position of the view's <paramref name="k"/>-th row (0-based): a binary search over positions.</summary>
        public long PositionOf(long k)
        {
            long low = 0, high = _table.RowCount - 1;
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (CountUpTo(middle) >= k + 1) high = middle; else low = middle + 1;
            }
            return low;
        }

        /// <summary>The view's positions from <paramref name="first"/> on, ascending.</summary>
        public IEnumerable<long> From(long first)
        {
            var removed = new HashSet<long>(_removed);
            if (!_errorsOnly)
            {
                for (var p = first; p < _table.RowCount; p++) if (!removed.Contains(p)) yield return p;
                yield break;
            }
            var e = (int)CountLessOrEqual(_table._errorRows, first - 1);
            var a = (int)CountLessOrEqual(_added, first - 1);
            while (e < _table._errorRows.Length || a < _added.Length)
            {
                long next;
                if (a >= _added.Length || (e < _table._errorRows.Length && _table._errorRows[e] < _added[a])) next = _table._errorRows[e++];
                else next = _added[a++];
                if (!removed.Contains(next)) yield return next;
            }
        }

        private static long CountLessOrEqual(long[] sorted, long value)
        {
            var index = Array.BinarySearch(sorted, value);
            return index >= 0 ? index + 1 : ~index;
        }
    }
}

/// <summary>A page of a review view: the view's total row count, where the page starts and its rows.</summary>
public sealed record ReviewPage(long Total, long Start, IReadOnlyList<ReviewRow> Rows);
