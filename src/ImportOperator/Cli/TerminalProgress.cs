using System.Diagnostics;
using ImportOperator.Engine.Pipeline;

namespace ImportOperator.Cli;

/// <summary>
/// A one-line progress display (rows, rows/s, percent of bytes) on standard error, only when it is a terminal,
/// redrawn at most four times a second so that it costs nothing on big files; silent when piped.
/// </summary>
public sealed class TerminalProgress : IProgress<ImportProgress>, IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawMs = -1000;
    private bool _drawn;

    private TerminalProgress() { }

    public static TerminalProgress? StartIfInteractive() => Console.IsErrorRedirected ? null : new TerminalProgress();

    public void Report(ImportProgress value)
    {
        var now = _clock.ElapsedMilliseconds;
        if (now - _lastDrawMs < 250) return;
        _lastDrawMs = now;
        var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        var percent = value.Percent is { } p ? $"  {p,5:0.0}%" : "";
        Console.Error.Write($"\r  {value.RowsProcessed,12:N0} rows  {value.RowsProcessed / seconds,10:N0} rows/s{percent}   ");
        _drawn = true;
    }

    /// <summary>Ends the progress line so the summary starts on a fresh line.</summary>
    public void Complete()
    {
        if (_drawn) Console.Error.WriteLine();
        _drawn = false;
    }

    public void Dispose() => Complete();
}
