namespace ImportOperator.Tests.Storage;

/// <summary>
/// A non-seekable stream of a known length of pseudo-random bytes, produced on the fly: proves an upload never
/// needs to seek or to hold the whole file, and lets the reader compare content by hash.
/// </summary>
internal sealed class DeterministicStream(long length, int seed = 17) : Stream
{
    private readonly Random _random = new(seed);
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        // Short reads on purpose: uploads must keep reading until a part is full.
        count = Math.Min(count, 64 * 1024 + 3);
        _random.NextBytes(buffer[..count]);
        _position += count;
        return count;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public static byte[] Sha256Of(long length, int seed = 17)
    {
        using var stream = new DeterministicStream(length, seed);
        return System.Security.Cryptography.SHA256.HashData(stream);
    }
}
