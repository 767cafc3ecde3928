using System.Diagnostics.Metrics;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Runtime.Informers;

namespace ImportOperator.Telemetry;

/// <summary>
/// The operator's product metrics, on the meter "ImportOperator". Derived from what the operator sees, so that a
/// Prometheus scrape of the operator alone answers "how many imports are in each phase" and "how many rows were
/// processed" without OTLP: the phase gauge reads the informer cache at collection time; the verdict counters are
/// added when an import's status moves into SUCCESSFUL, FAILED or NEEDS_REVIEW from an earlier phase (so a restart,
/// which re-lists finished imports, counts nothing twice). Only the leader reports, so replicas never double count.
/// </summary>
public sealed class ImportMetrics : IDisposable
{
    static readonly string[] Phases = [ImportPhases.AwaitingUpload, ImportPhases.Pending, ImportPhases.Running, ImportPhases.NeedsReview, ImportPhases.Successful, ImportPhases.Failed];

    readonly Meter _meter;
    readonly Func<bool> _isLeader;
    readonly Counter<long> _completed;
    readonly Counter<long> _rows;
    readonly Counter<long> _invalidRows;
    readonly Histogram<double> _duration;

    public ImportMetrics(Informer<HeadlessImport> imports, Func<bool> isLeader)
    {
        _isLeader = isLeader;
        _meter = new Meter(ImportTelemetry.SourceName);
        _meter.CreateObservableGauge("importoperator.imports", () => CountByPhase(imports), "{import}",
            "Imports by phase (NEW: not yet started), from the operator's cache.");
        _completed = _meter.CreateCounter<long>("importoperator.import.verdicts", "{import}",
            "Imports that reached a verdict (SUCCESSFUL, FAILED, NEEDS_REVIEW), by phase and reason.");
        _rows = _meter.CreateCounter<long>("importoperator.import.rows.processed", "{row}",
            "Data rows of the imports that reached a verdict (status.resultMetadata.numDataRows).");
        _invalidRows = _meter.CreateCounter<long>("importoperator.import.rows.invalid", "{row}",
            "Data rows with at least one error (status.resultMetadata.numInvalidRows).");
        _duration = _meter.CreateHistogram<double>("importoperator.import.duration", "s",
            "From the import's creation to its verdict, by phase (includes waiting for the upload).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200] });
        imports.AddHandler(Observe);
    }

    IEnumerable<Measurement<long>> CountByPhase(Informer<HeadlessImport> imports)
    {
        if (!_isLeader()) yield break;
        var counts = Phases.ToDictionary(p => p, _ => 0L, StringComparer.Ordinal);
        counts["NEW"] = 0;
        foreach (var import in imports.List())
        {
            var phase = string.IsNullOrEmpty(import.Status?.Phase) ? "NEW" : import.Status!.Phase!;
            counts[phase] = counts.GetValueOrDefault(phase) + 1;
        }
        foreach (var (phase, count) in counts) yield return new(count, new KeyValuePair<string, object?>(ImportTelemetry.Attributes.Phase, phase));
    }

    void Observe(InformerEvent<HeadlessImport> e)
    {
        if (e.Type != InformerEventType.Modified || !_isLeader()) return;
        var before = e.Previous?.Status?.Phase;
        var status = e.Object.Status;
        if (status?.Phase is not { } phase || !IsVerdict(phase) || IsVerdict(before)) return;
        var phaseTag = new KeyValuePair<string, object?>(ImportTelemetry.Attributes.Phase, phase);
        _completed.Add(1, phaseTag, new(ImportTelemetry.Attributes.Reason, status.Reason ?? ""));
        if (status.ResultMetadata is { } counts)
        {
            _rows.Add(counts.NumDataRows, phaseTag);
            _invalidRows.Add(counts.NumInvalidRows, phaseTag);
        }
        if (e.Object.Metadata.CreationTimestamp is { } created)
        {
            var end = status.CompletionTime ?? DateTime.UtcNow;
            _duration.Record(Math.Max(0, (end - created.ToUniversalTime()).TotalSeconds), phaseTag);
        }
    }

    static bool IsVerdict(string? phase) => phase is ImportPhases.Successful or ImportPhases.Failed or ImportPhases.NeedsReview;

    public void Dispose() => _meter.Dispose();
}
