using System.Diagnostics;
using System.Globalization;
using ImportOperator.Engine.Pipeline.Split;
using ImportOperator.Storage;

namespace ImportOperator.Worker;

/// <summary>
/// A split import's input as a chunk or merge pod reads it: only the byte ranges it needs, by ranged GETs, each
/// brought to a scratch file first (so the engine reads local files and a network error is a clean, retried
/// failure rather than one in the middle of the engine). <see cref="Open"/> serves any range inside a fetched one;
/// anything else is fetched when asked for. <see cref="OpenWhole"/> downloads the whole input, for an engine step
/// that reads it from the start.
/// </summary>
internal sealed class RangedInput(IObjectStore store, string key, long inputLength, string folder, WorkerLog log, CancellationToken cancellationToken)
{
    private readonly List<(long Start, long Length, string Path)> _fetched = [];
    private readonly Lock _gate = new();
    // Its own gate: the fetch it waits for completes on another thread, which takes _gate.
    private readonly Lock _wholeGate = new();
    private string? _whole;

    /// <summary>Brings a range to scratch ahead of the engine (the file's head, this pod's chunk).</summary>
    public async Task FetchAsync(long start, long length)
    {
        if (length <= 0 || Find(start, length) is not null) return;
        var clock = Stopwatch.StartNew();
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"range-{start}-{length}"));
        var action = string.Create(CultureInfo.InvariantCulture, $"Reading bytes {start:N0} to {start + length:N0} of the input object '{key}'");
        try
        {
            await StorageErrors.GuardAsync(action, async () =>
            {
                // Written per attempt from the start: a half-copied range from a failed attempt is never served.
                await using var source = await store.GetRangeAsync(key, start, length, cancellationToken).ConfigureAwait(false);
                await using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                await source.CopyToAsync(target, 1 << 16, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException e)
        {
            throw WorkerFailure.Permanent($"The input object '{key}' no longer exists: it was deleted while the import was processed in chunks.", e);
        }
        var copied = new FileInfo(path).Length;
        if (copied != length)
            throw WorkerFailure.Transient(string.Create(CultureInfo.InvariantCulture, $"{action} returned {copied:N0} bytes instead of {length:N0}, so a retry can succeed."));
        lock (_gate) _fetched.Add((start, length, path));
        log.Stage(string.Create(CultureInfo.InvariantCulture, $"input range read: bytes {start:N0} to {start + length:N0} of '{key}' in {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>The engine's openRange: <paramref name="length"/> bytes from <paramref name="start"/>, from scratch.</summary>
    public Stream Open(long start, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        length = Math.Max(0, Math.Min(length, inputLength - start));
        if (length == 0) return new MemoryStream([], writable: false);
        var found = Find(start, length);
        if (found is null)
        {
            // The engine asked for a range nobody fetched ahead: fetch it now (the engine's thread waits).
            FetchAsync(start, length).GetAwaiter().GetResult();
            found = Find(start, length)!.Value;
        }
        var (fileStart, _, path) = found.Value;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new RangeStream(file, start - fileStart, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The whole input from its start (downloaded on first use): the engine's OpenInput in a chunk or merge pod.</summary>
    public Stream OpenWhole()
    {
        lock (_wholeGate)
        {
            if (_whole is null)
            {
                FetchAsync(0, inputLength).GetAwaiter().GetResult();
                _whole = Find(0, inputLength)?.Path ?? throw new InvalidOperationException("The whole input was fetched but is not in scratch.");
            }
        }
        return new FileStream(_whole, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    private (long Start, long Length, string Path)? Find(long start, long length)
    {
        lock (_gate)
        {
            foreach (var range in _fetched)
                if (start >= range.Start && start + length <= range.Start + range.Length) return range;
            return null;
        }
    }
}
