using System.Globalization;
using System.Text.Json;
using ImportOperator.Api;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Storage;

namespace ImportOperator.Worker;

/// <summary>
/// Writes the import's progress to <c>progress.json</c> beside its results every interval while the engine runs,
/// only when it changed. The worker has no Kubernetes access: the operator copies this file into status.progress.
/// Progress is a courtesy: a failed write is logged once and never fails the import.
/// </summary>
internal sealed class ProgressPublisher : IAsyncDisposable
{
    private readonly IObjectStore _store;
    private readonly string _key;
    private readonly WorkerLog _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private ImportProgress? _latest;
    private ImportProgress? _published;
    private bool _warned;

    public ProgressPublisher(IObjectStore store, string key, WorkerLog log, TimeSpan interval)
    {
        _store = store;
        _key = key;
        _log = log;
        _loop = Task.Run(() => LoopAsync(interval));
    }

    /// <summary>The engine's latest report (called from its pipeline thread).</summary>
    public void Update(ImportProgress progress)
    {
        lock (_gate) _latest = progress;
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, _stop.Token).ConfigureAwait(false);
                await PublishAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
    }

    private async Task PublishAsync(CancellationToken ct)
    {
        ImportProgress? latest;
        lock (_gate) latest = _latest;
        if (latest is not { } progress || progress == _published) return;
        try
        {
            using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(ToStatus(progress, DateTime.UtcNow), ApiJson.Options), writable: false);
            await _store.PutAsync(_key, body, ResultsCommitter.JsonContentType, ct).ConfigureAwait(false);
            _published = progress;
        }
        catch (Exception e) when (e is not OperationCanceledException && !_warned)
        {
            _warned = true;
            _log.Stage(string.Create(CultureInfo.InvariantCulture, $"progress not stored in '{_key}' (the import goes on): {StorageErrors.OneLine(e.Message)}"));
        }
        catch (Exception e) when (e is not OperationCanceledException) { }
    }

    /// <summary>What status.progress shows.</summary>
    public static ImportProgressStatus ToStatus(ImportProgress progress, DateTime now) => new()
    {
        RowsProcessed = progress.RowsProcessed,
        BytesRead = progress.BytesRead,
        TotalBytes = progress.TotalBytes,
        Percent = progress.Percent is { } p ? (int)Math.Floor(p) : null,
        UpdatedAt = now,
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
