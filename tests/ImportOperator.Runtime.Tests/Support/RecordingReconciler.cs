using System.Collections.Concurrent;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Helpers;

namespace ImportOperator.Runtime.Tests.Support;

/// <summary>
/// Reconciles widgets by writing status.observedGeneration (through /status), and records what tests assert on:
/// how often each key ran, the generations it saw, and whether one key ever ran twice at once.
/// </summary>
public sealed class RecordingReconciler(ResourceClient<Widget>? statusClient = null, TimeSpan? work = null) : IReconciler<Widget>
{
    readonly ConcurrentDictionary<ObjectKey, int> _active = new();
    int _overlaps, _total, _running, _maxRunning;

    public ConcurrentDictionary<ObjectKey, int> Counts { get; } = new();
    public ConcurrentDictionary<ObjectKey, long> ObservedGeneration { get; } = new();
    public int Overlaps => Volatile.Read(ref _overlaps);
    public int Total => Volatile.Read(ref _total);
    public int MaxRunning => Volatile.Read(ref _maxRunning);

    /// <summary>What every successful reconcile answers (a RequeueAfter keeps a leader busy without any events).</summary>
    public ReconcileResult Result { get; init; } = ReconcileResult.Done;

    /// <summary>Runs inside every reconcile (tests use it to fail, or to watch leadership).</summary>
    public Func<ReconcileRequest<Widget>, CancellationToken, Task>? Hook { get; set; }

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<Widget> request, CancellationToken ct)
    {
        if (_active.AddOrUpdate(request.Key, 1, (_, n) => n + 1) > 1) Interlocked.Increment(ref _overlaps);
        var running = Interlocked.Increment(ref _running);
        int max;
        while (running > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, max) != max) { }
        try
        {
            if (Hook is not null) await Hook(request, ct);
            if (work is { } delay) await Task.Delay(delay, ct);
            var widget = request.Object;
            if (widget is not null && statusClient is not null && widget.Metadata.DeletionTimestamp is null)
            {
                await StatusWriter.PatchStatusAsync(statusClient, widget, current => new WidgetStatus { Phase = "Ready", ObservedGeneration = current.Metadata.Generation ?? 0 }, ct);
            }
            if (widget is not null) ObservedGeneration[request.Key] = widget.Metadata.Generation ?? 0;
            Counts.AddOrUpdate(request.Key, 1, (_, n) => n + 1);
            Interlocked.Increment(ref _total);
            return Result;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _active.AddOrUpdate(request.Key, 0, (_, n) => n - 1);
        }
    }
}
