using System.Collections.Concurrent;
using System.Text;

namespace ImportOperator.TestApiServer.Storage;

/// <summary>What pods printed, served at pods/{name}/log (the local Job runner writes here).</summary>
public sealed class PodLogStore
{
    readonly ConcurrentDictionary<string, StringBuilder> _logs = new();

    public void Append(string ns, string pod, string line)
    {
        var log = _logs.GetOrAdd($"{ns}/{pod}", _ => new StringBuilder());
        lock (log) log.Append(line).Append('\n');
    }

    public string Read(string ns, string pod)
    {
        if (!_logs.TryGetValue($"{ns}/{pod}", out var log)) return "";
        lock (log) return log.ToString();
    }
}
