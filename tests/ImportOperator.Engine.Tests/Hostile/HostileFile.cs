namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>One input of the hostile corpus: made by code each time it is opened, never committed as a blob.</summary>
/// <param name="Name">The corpus entry's name (also its file name when the corpus is written to a folder).</param>
/// <param name="FileName">The name it is uploaded under (what messages must name).</param>
/// <param name="Open">A fresh stream of its bytes, from the first.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="What">What makes it hostile, in words.</param>
public sealed record HostileFile(string Name, string FileName, Func<Stream> Open, long Length, string What)
{
    public static HostileFile FromBytes(string name, string fileName, byte[] bytes, string what) =>
        new(name, fileName, () => new MemoryStream(bytes, writable: false), bytes.Length, what);

    public static HostileFile Streamed(string name, string fileName, byte[] head, byte[] chunk, byte[] tail, long length, string what) =>
        new(name, fileName, () => new GeneratedStream(head, chunk, tail, length), length, what);

    /// <summary>Writes the bytes to <paramref name="path"/> (for the whole-command tests and to inspect the corpus).</summary>
    public void WriteTo(string path)
    {
        using var source = Open();
        using var target = File.Create(path);
        source.CopyTo(target, 1 << 20);
    }

    public override string ToString() => Name;
}
