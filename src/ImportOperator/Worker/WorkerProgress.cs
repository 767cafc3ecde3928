using System.Diagnostics;
using System.Globalization;
using ImportOperator.Engine.Pipeline;

namespace ImportOperator.Worker;

/// <summary>
/// Progress lines for the pod's log (rows processed, percent of the input read), at most one per interval however
/// often the engine reports, so a large import logs a steady trickle rather than a flood. Every report also goes to
/// <paramref name="observe"/> (the progress.json publisher), which keeps only the latest.
/// </summary>
internal sealed class WorkerProgress(WorkerLog log, TimeSpan interval, Action<ImportProgress>? observe = null) : IProgress<ImportProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private TimeSpan _lastLine = TimeSpan.Zero;

    public void Report(ImportProgress value)
    {
        observe?.Invoke(value);
        lock (_gate)
        {
            var now = _clock.Elapsed;
            if (now - _lastLine < interval) return;
            _lastLine = now;
        }
        var percent = value.Percent is { } p
            ? string.Create(CultureInfo.InvariantCulture, $", {p:0.0}% of {value.TotalBytes:N0} bytes read")
            : string.Create(CultureInfo.InvariantCulture, $", {value.BytesRead:N0} bytes read");
        log.Stage(string.Create(CultureInfo.InvariantCulture, $"progress: {value.RowsProcessed:N0} rows processed{percent}"));
    }
}
