namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>
/// A forward-only stream whose bytes are made on demand: a head, a body chunk repeated until the stream reaches
/// its length, then a tail. A 1 GB hostile input thus never sits on disk or in memory.
/// </summary>
public sealed class GeneratedStream(byte[] head, byte[] chunk, byte[] tail, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes handed out so far: how far a reader went before it stopped.</summary>
    public long BytesServed => _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _position < length)
        {
            var bodyEnd = length - tail.Length;
            ReadOnlySpan<byte> source;
            long start;
            if (_position < head.Length)
            {
                source = head;
                start = 0;
            }
            else if (_position < bodyEnd)
            {
                source = chunk;
                start = head.Length + (_position - head.Length) / chunk.Length * chunk.Length;
                source = source[..(int)Math.Min(chunk.Length, bodyEnd - start)];
            }
            else
            {
                source = tail;
                start = bodyEnd;
            }

            var from = (int)(_position - start);
            var n = Math.Min(source.Length - from, buffer.Length - written);
            source.Slice(from, n).CopyTo(buffer[written..]);
            written += n;
            _position += n;
        }

        return written;
    }

    /// <summary>Writes the whole stream to <paramref name="destination"/> (a file or a pipe), in large blocks.</summary>
    public void WriteTo(Stream destination)
    {
        var block = new byte[1 << 20];
        int read;
        while ((read = Read(block)) > 0) destination.Write(block, 0, read);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
