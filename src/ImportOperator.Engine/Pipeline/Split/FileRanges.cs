namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>Byte ranges of a local file, as <see cref="SplitImport.RunChunk"/> and <see cref="SplitImport.Merge"/> read their input.</summary>
public static class FileRanges
{
    /// <summary>An opener of (start, length) ranges of <paramref name="path"/>: each call a new read-only stream.</summary>
    public static Func<long, long, Stream> Of(string path) => (start, length) =>
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new RangeStream(file, start, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    };
}

/// <summary>A read-only window [start, start + length) of a seekable stream, which it owns.</summary>
public sealed class RangeStream : Stream
{
    private readonly Stream _inner;
    private readonly long _start;
    private readonly long _length;
    private long _position;

    public RangeStream(Stream inner, long start, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (start + length > inner.Length)
            throw new ArgumentOutOfRangeException(nameof(length), $"bytes {start:N0}–{start + length:N0} are past the end of the input ({inner.Length:N0} bytes)");
        _inner = inner;
        _start = start;
        _length = length;
        _inner.Position = start;
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
            _inner.Position = _start + value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var left = _length - _position;
        if (left <= 0) return 0;
        if (buffer.Length > left) buffer = buffer[..(int)left];
        var read = _inner.Read(buffer);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _length + offset,
        };
        return _position;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
