using System.Diagnostics.Metrics;
using ImportOperator.Telemetry;

namespace ImportOperator.Worker;

/// <summary>
/// What the worker measures, on the meter "ImportOperator" (exported by OTLP when configured; the operator's own
/// counters, derived from verdicts, carry different names so a backend receiving both never counts a row twice).
/// One meter for the process: instruments outlive each run so the last export on exit still sees them.
/// </summary>
internal static class WorkerMetrics
{
    static readonly Meter Meter = new(ImportTelemetry.SourceName);

    public static readonly Counter<long> RowsProcessed = Meter.CreateCounter<long>("importoperator.worker.rows.processed", "{row}",
        "Data rows the worker processed (metadata.json numDataRows).");

    public static readonly Counter<long> RowsInvalid = Meter.CreateCounter<long>("importoperator.worker.rows.invalid", "{row}",
        "Data rows with at least one error (metadata.json numInvalidRows).");

    public static readonly Counter<long> InputRead = Meter.CreateCounter<long>("importoperator.worker.input.read", "By",
        "Bytes of input the worker processed.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("importoperator.worker.duration", "s",
        "One worker run, from reading the request to the committed summary, by phase.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });

    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>("importoperator.worker.stage.duration", "s",
        "Busy time of one pipeline stage in one import (importoperator.stage: download, match, read, parse, hooks, validate, write, commit).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900] });

    public static readonly Histogram<double> HookDuration = Meter.CreateHistogram<double>("importoperator.worker.hook.duration", "s",
        "Time one import spent in its hooks (column, row, bulk row, beforeFinish).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900] });

    public static KeyValuePair<string, object?> Stage(string stage) => new(ImportTelemetry.Attributes.Stage, stage);
}
