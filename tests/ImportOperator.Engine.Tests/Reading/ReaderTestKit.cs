using System.Text;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Reading;

namespace ImportOperator.Engine.Tests.Reading;

/// <summary>Opens files the way the pipeline does and reads every row, for assertions on what a user gets.</summary>
internal static class ReaderTestKit
{
    public static ITabularReader Open(byte[] bytes, string fileName = "contacts.csv", ReadOptions? options = null, bool seekable = true) =>
        TabularReaderFactory.Open(seekable ? new MemoryStream(bytes) : new ForwardOnlyStream(bytes), fileName, options ?? new ReadOptions());

    public static ITabularReader OpenText(string text, string fileName = "contacts.csv", ReadOptions? options = null) =>
        Open(Encoding.UTF8.GetBytes(text), fileName, options);

    public static List<string[]> ReadAll(ITabularReader reader)
    {
        var rows = new List<string[]>();
        while (reader.TryReadRow(out var cells))
        {
            rows.Add(cells);
        }

        return rows;
    }

    public static List<string[]> ReadAll(byte[] bytes, string fileName = "contacts.csv", ReadOptions? options = null, bool seekable = true)
    {
        using var reader = Open(bytes, fileName, options, seekable);
        return ReadAll(reader);
    }

    public static List<string[]> ReadAllText(string text, string fileName = "contacts.csv", ReadOptions? options = null) =>
        ReadAll(Encoding.UTF8.GetBytes(text), fileName, options);

    /// <summary>Opens and reads to the end, expecting the import to fail; returns the failure.</summary>
    public static ImportFailureException Failure(byte[] bytes, string fileName = "contacts.csv", ReadOptions? options = null, bool seekable = true) =>
        Assert.Throws<ImportFailureException>(() => ReadAll(bytes, fileName, options, seekable));

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    /// <summary>An upload streamed from the network: readable once, front to back.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        // Short reads, as network streams give, so that readers cannot assume a full buffer.
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7919));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
