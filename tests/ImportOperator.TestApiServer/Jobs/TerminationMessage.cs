using System.Text;

namespace ImportOperator.TestApiServer.Jobs;

/// <summary>
/// The kubelet's FallbackToLogsOnError: a failed container's termination message is the tail of its log, at most
/// 80 lines (each with its newline, as the kubelet copies them) and then at most the last 2048 bytes of those.
/// </summary>
public static class TerminationMessage
{
    public const int MaxLines = 80;
    public const int MaxBytes = 2048;

    public static string FromLogTail(string log)
    {
        var lines = log.Split('\n');
        // A trailing newline ends the last line; it does not start an empty one.
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var first = Math.Max(0, count - MaxLines);
        var tail = string.Join('\n', lines[first..]);
        var bytes = Encoding.UTF8.GetBytes(tail);
        if (bytes.Length <= MaxBytes) return tail;
        var start = bytes.Length - MaxBytes;
        // Start on a character boundary: skip UTF-8 continuation bytes (10xxxxxx).
        while (start < bytes.Length && (bytes[start] & 0xC0) == 0x80) start++;
        return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }
}
