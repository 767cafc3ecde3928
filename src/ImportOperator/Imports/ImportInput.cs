using System.Text.Json;
using System.Text.Json.Nodes;
using ImportOperator.Api;

namespace ImportOperator.Imports;

/// <summary>Where an import's input comes from: a file, or the spec's initialData rows as a JSON array.</summary>
public sealed class ImportInput
{
    private ImportInput(Func<Stream> open, long length)
    {
        Open = open;
        Length = length;
    }

    /// <summary>Opens the input from its start (a fresh stream each call).</summary>
    public Func<Stream> Open { get; }

    public long Length { get; }

    public static ImportInput FromFile(string path) => new(
        () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
        new FileInfo(path).Length);

    public static ImportInput FromInitialData(List<JsonObject> rows)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(rows, ApiJson.Options);
        return new(() => new MemoryStream(bytes, writable: false), bytes.Length);
    }
}
