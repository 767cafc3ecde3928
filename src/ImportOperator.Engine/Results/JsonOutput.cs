using System.Text.Encodings.Web;
using System.Text.Json;

namespace ImportOperator.Engine.Results;

/// <summary>How the result files are written: UTF-8 JSON that keeps non-ASCII text readable (no \u escapes).</summary>
internal static class JsonOutput
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static readonly JsonWriterOptions IndentedWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
    };

    /// <summary>Writer flushes once this many bytes are pending, keeping memory flat on any file size.</summary>
    public const int FlushThreshold = 1 << 16;

    public static FileStream Create(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.SequentialScan);
}
