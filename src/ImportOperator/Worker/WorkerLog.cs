using System.Globalization;
using System.Text;
using System.Text.Json;
using ImportOperator.Telemetry;

namespace ImportOperator.Worker;

/// <summary>
/// What the worker tells the pod's log: one line per stage on standard output, and on failure the details then the
/// one-sentence reason as the LAST line of standard error, because Kubernetes' FallbackToLogsOnError turns the log's
/// tail into the termination message. Safe to call from the engine's pipeline threads. With <see cref="Json"/>, stage
/// lines are JSON objects carrying the import's namespace, name and uid and the trace ids (what a cluster's log
/// collector parses); the failure's last line stays a plain sentence, because it becomes the termination message.
/// </summary>
internal sealed class WorkerLog(TextWriter output, TextWriter error, string terminationLogPath)
{
    /// <summary>Write stage lines as JSON objects.</summary>
    public bool Json { get; init; }

    /// <summary>The import the lines are about, once the request is read.</summary>
    public ImportLogScope? Import { get; set; }

    // Kubernetes keeps at most 4096 bytes of a termination message.
    private const int TerminationMessageLimitBytes = 4096;

    private readonly Lock _gate = new();

    public void Stage(string line)
    {
        if (Json) line = ToJson(line);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    /// <summary>Detail before the reason (an exception's stack trace); never the last line of a failure.</summary>
    public void Detail(string text)
    {
        lock (_gate)
        {
            error.WriteLine(text);
            error.Flush();
        }
    }

    /// <summary>The failure's reason: last on standard error, and the whole termination log when there is one.</summary>
    public void Failure(string reason)
    {
        var sentence = StorageErrors.OneLine(reason);
        lock (_gate)
        {
            output.Flush();
            error.WriteLine(sentence);
            error.Flush();
        }
        WriteTerminationLog(sentence);
    }

    private string ToJson(string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("logLevel", "Information");
            json.WriteString("category", "import-operator.worker");
            json.WriteString("message", message);
            if (Import is { } scope)
                foreach (var (key, value) in scope) json.WriteString(key, value?.ToString());
            var (traceId, spanId) = LogFormats.CurrentSpan();
            if (traceId is not null)
            {
                json.WriteString("traceId", traceId);
                json.WriteString("spanId", spanId);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void WriteTerminationLog(string sentence)
    {
        // Only where Kubernetes made the file: never create /dev/termination-log on a developer's machine.
        if (string.IsNullOrEmpty(terminationLogPath) || !File.Exists(terminationLogPath)) return;
        try
        {
            File.WriteAllBytes(terminationLogPath, Truncate(sentence, TerminationMessageLimitBytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The log line above already carries the reason; a read-only termination log must not hide it.
        }
    }

    private static byte[] Truncate(string text, int limitBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= limitBytes) return bytes;
        // Cut on a character boundary, leaving room for the ellipsis.
        var length = limitBytes - 3;
        while (length > 0 && (bytes[length] & 0xC0) == 0x80) length--;
        return [.. bytes.AsSpan(0, length), .. "..."u8];
    }
}
