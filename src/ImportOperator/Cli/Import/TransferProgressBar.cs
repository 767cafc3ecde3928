using System.Diagnostics;
using System.Globalization;

namespace ImportOperator.Cli.Import;

/// <summary>
/// A one-line bar for an upload or download on standard error, redrawn at most four times a second; nothing at
/// all when standard error is not a terminal (logs and pipes get the summary lines only).
/// </summary>
public sealed class TransferProgressBar : IProgress<long>, IDisposable
{
    private const int Width = 24;
    private readonly TextWriter _error;
    private readonly string _label;
    private readonly long _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawMs = -1000;
    private bool _drawn;

    private TransferProgressBar(TextWriter error, string label, long total)
    {
        _error = error;
        _label = label;
        _total = total;
    }

    public static TransferProgressBar? StartIfInteractive(VerbConsole console, string label, long total) =>
        console.ErrorIsTerminal ? new TransferProgressBar(console.Error, label, total) : null;

    public void Report(long bytesDone)
    {
        var now = _clock.ElapsedMilliseconds;
        if (now - _lastDrawMs < 250 && bytesDone < _total) return;
        _lastDrawMs = now;
        var fraction = _total <= 0 ? 1.0 : Math.Clamp((double)bytesDone / _total, 0, 1);
        var filled = (int)Math.Round(fraction * Width);
        var rate = bytesDone / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        _error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r  {_label}  [{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,5:0.0}%  {Bytes(bytesDone)} / {Bytes(_total)}  {Bytes((long)rate)}/s   "));
        _drawn = true;
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };

    /// <summary>Ends the bar's line so what follows starts on a fresh one.</summary>
    public void Dispose()
    {
        if (_drawn) _error.WriteLine();
        _drawn = false;
    }
}
