using System.Collections.Concurrent;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Runtime;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Informers;
using ImportOperator.Storage;
using Microsoft.Extensions.Logging;

namespace ImportOperator.Operator.Imports;

/// <summary>
/// Finds uploaded files for every import waiting for one with ONE storage listing per namespace per cycle (not a
/// HEAD per import), records what arrived and how large it is, and wakes those imports. Runs only while leading.
/// </summary>
public sealed partial class UploadWatcher(Informer<HeadlessImport> imports, UploadScanner scanner, TimeSpan interval, ILogger logger) : IController
{
    readonly ConcurrentDictionary<string, long> _arrivedByUid = new(StringComparer.Ordinal);

    /// <summary>Set by the operator host: queues an import for reconcile.</summary>
    public Action<ObjectKey>? Wake { get; set; }

    public string Name => "upload-watcher";
    public IReadOnlyList<IInformer> Informers => [];
    public int QueueDepth => 0;

    /// <summary>Scans completed (for tests and metrics).</summary>
    public long Cycles => Interlocked.Read(ref _cycles);
    long _cycles;

    /// <summary>Whether the file of the import with this uid has arrived, and its size.</summary>
    public bool TryGetArrival(string uid, out long size) => _arrivedByUid.TryGetValue(uid, out size);

    /// <summary>Drops what is known about an import that left AWAITING_UPLOAD or was deleted.</summary>
    public void Forget(string uid) => _arrivedByUid.TryRemove(uid, out _);

    public async Task RunAsync(CancellationToken ct)
    {
        await imports.Synced.WaitAsync(ct).ConfigureAwait(false);
        using var timer = new PeriodicTimer(interval);
        do
        {
            try { await ScanOnceAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (Exception e) { LogScanFailed(logger, e.Message); }
        }
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
    }

    public async Task ScanOnceAsync(CancellationToken ct)
    {
        var waiting = new Dictionary<string, HeadlessImport>(StringComparer.Ordinal);
        foreach (var import in imports.List())
        {
            if (import.Status?.Phase != ImportPhases.AwaitingUpload || import.Metadata.DeletionTimestamp is not null) continue;
            if (_arrivedByUid.ContainsKey(import.Metadata.Uid)) continue;
            try { waiting[ImportObjectKeys.For(import.Metadata.NamespaceProperty, import.Metadata.Name, import.Metadata.Uid, import.Spec.OriginalFilename!).Input] = import; }
            catch (ArgumentException) { } // the reconciler fails such an import with the reason
        }
        if (waiting.Count > 0)
        {
            var arrived = await scanner.ScanAsync(waiting.Keys, ct).ConfigureAwait(false);
            foreach (var (key, size) in arrived)
            {
                var import = waiting[key];
                _arrivedByUid[import.Metadata.Uid] = size;
                Wake?.Invoke(ObjectKey.Of(import));
            }
        }
        Interlocked.Increment(ref _cycles);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload scan failed (retrying next cycle): {Error}")]
    static partial void LogScanFailed(ILogger logger, string error);
}
