using System.Diagnostics.Metrics;

namespace ImportOperator.Runtime.Metrics;

/// <summary>
/// The runtime's instruments, on the meter "ImportOperator.Runtime" (telemetry exports them; tests read them with a
/// MeterListener). Names follow controller-runtime's metrics so dashboards carry over.
/// </summary>
public sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "ImportOperator.Runtime";

    /// <summary>
    /// controller-runtime's buckets for reconcile_time_seconds (5 ms … 60 s). Without advice OpenTelemetry uses its
    /// defaults (0, 5, 10, 25 … 10000), made for milliseconds: every reconcile would land in le="5" seconds.
    /// </summary>
    public static readonly double[] ReconcileBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
         1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60];

    /// <summary>client-go's workqueue buckets for queue_duration_seconds: 10 ns … 1,000 s, one per power of ten.</summary>
    public static readonly double[] QueueBuckets = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000];

    readonly Meter _meter;
    int _isLeader;

    public RuntimeMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        ReconcileTotal = _meter.CreateCounter<long>("controller_runtime_reconcile_total", description: "Reconciles, by controller and result (success, error, requeue, requeue_after, terminal_error).");
        ReconcileErrors = _meter.CreateCounter<long>("controller_runtime_reconcile_errors_total", description: "Reconciles that failed.");
        ReconcileDuration = _meter.CreateHistogram<double>("controller_runtime_reconcile_time_seconds", "s", "How long each reconcile took.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ReconcileBuckets });
        QueueAdds = _meter.CreateCounter<long>("workqueue_adds_total", description: "Keys added to a work queue.");
        QueueRetries = _meter.CreateCounter<long>("workqueue_retries_total", description: "Keys re-added with backoff after a failure.");
        QueueLatency = _meter.CreateHistogram<double>("workqueue_queue_duration_seconds", "s", "How long a key waited in the queue before a worker took it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = QueueBuckets });
        InformerRelists = _meter.CreateCounter<long>("informer_relists_total", description: "Full lists by informers (the first and one per 410 Gone).");
        _meter.CreateObservableGauge("leader_election_master_status", () => Volatile.Read(ref _isLeader), description: "1 while this instance leads.");
        _meter.CreateObservableUpDownCounter("workqueue_depth", () => QueueDepthSource?.Invoke() ?? 0, description: "Keys waiting in work queues.");
    }

    public Counter<long> ReconcileTotal { get; }
    public Counter<long> ReconcileErrors { get; }
    public Histogram<double> ReconcileDuration { get; }
    public Counter<long> QueueAdds { get; }
    public Counter<long> QueueRetries { get; }
    public Histogram<double> QueueLatency { get; }
    public Counter<long> InformerRelists { get; }

    /// <summary>Sums the depth of the queues that registered (set by the manager).</summary>
    public Func<long>? QueueDepthSource { get; set; }

    public bool IsLeader
    {
        get => Volatile.Read(ref _isLeader) == 1;
        set => Volatile.Write(ref _isLeader, value ? 1 : 0);
    }

    public void Dispose() => _meter.Dispose();
}
