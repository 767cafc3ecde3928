using System.Collections.Concurrent;
using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImportOperator.Runtime.Helpers;

/// <summary>
/// Records core/v1 Events about objects. The same event (object, type, reason, message) repeated within
/// <c>dedupWindow</c> bumps the count and lastTimestamp of the existing Event instead of creating another, so a
/// retry loop cannot flood the namespace. Failures to record are logged, never thrown: events are advisory.
/// </summary>
public sealed partial class EventRecorder(IKubernetes client, string component, TimeSpan? dedupWindow = null, ILogger? logger = null)
{
    readonly ConcurrentDictionary<string, (string Name, int Count, DateTime LastSeen)> _recent = new();
    readonly TimeSpan _window = dedupWindow ?? TimeSpan.FromMinutes(10);
    readonly ILogger _logger = logger ?? NullLogger.Instance;

    public const string Normal = "Normal";
    public const string Warning = "Warning";

    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> about, string type, string reason, string message, CancellationToken ct = default)
    {
        var ns = about.Metadata.NamespaceProperty ?? "default";
        var key = $"{about.Metadata.Uid}|{type}|{reason}|{message}";
        var now = DateTime.UtcNow;
        try
        {
            if (_recent.TryGetValue(key, out var seen) && now - seen.LastSeen < _window)
            {
                var count = seen.Count + 1;
                var patch = $"{{\"count\":{count.ToString(CultureInfo.InvariantCulture)},\"lastTimestamp\":\"{now:yyyy-MM-dd'T'HH:mm:ss'Z'}\"}}";
                await client.CoreV1.PatchNamespacedEventAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), seen.Name, ns, cancellationToken: ct).ConfigureAwait(false);
                _recent[key] = (seen.Name, count, now);
                return;
            }
            var created = await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { GenerateName = $"{about.Metadata.Name}.", NamespaceProperty = ns },
                InvolvedObject = new V1ObjectReference
                {
                    ApiVersion = about.ApiVersion, Kind = about.Kind, Name = about.Metadata.Name,
                    NamespaceProperty = about.Metadata.NamespaceProperty, Uid = about.Metadata.Uid, ResourceVersion = about.Metadata.ResourceVersion,
                },
                Type = type,
                Reason = reason,
                Message = message,
                Count = 1,
                FirstTimestamp = now,
                LastTimestamp = now,
                Source = new V1EventSource { Component = component },
                ReportingComponent = component,
            }, ns, cancellationToken: ct).ConfigureAwait(false);
            _recent[key] = (created.Metadata.Name, 1, now);
            Prune(now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _recent.TryRemove(key, out _);
            LogFailed(_logger, reason, e.Message);
        }
    }

    void Prune(DateTime now)
    {
        if (_recent.Count < 4096) return;
        foreach (var (key, value) in _recent)
            if (now - value.LastSeen >= _window) _recent.TryRemove(key, out _);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not record event {Reason}: {Error}")]
    static partial void LogFailed(ILogger logger, string reason, string error);
}
