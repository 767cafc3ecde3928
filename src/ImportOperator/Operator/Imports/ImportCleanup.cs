using System.Collections.Concurrent;
using System.Net;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Operator.Jobs;
using ImportOperator.Runtime;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Helpers;
using ImportOperator.Storage;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImportOperator.Operator.Imports;

/// <summary>
/// Deletion: stop the import's Jobs first (the processing Job, and a split import's chunks and merge Jobs) (a running worker could otherwise write results after the clean-up),
/// then delete every stored object under the import's prefix, then release the finalizer. Never blocks forever: after
/// <c>CleanupMaxAttempts</c> failures a Warning event says what is left behind and the finalizer goes anyway; the
/// annotation importoperator.io/skip-cleanup: "true" releases it at once.
/// </summary>
public sealed class ImportCleanup(ImportOperatorServices s)
{
    readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    public async Task<ReconcileResult> FinalizeAsync(HeadlessImport import, CancellationToken ct)
    {
        if (!Finalizers.Has(import, ImportLabels.CleanupFinalizer)) return ReconcileResult.Done;
        var uid = import.Metadata.Uid;
        s.Uploads.Forget(uid);
        var prefix = ImportObjectKeys.For(import.Metadata.NamespaceProperty, import.Metadata.Name, uid, "input").Prefix;

        if (import.Metadata.Annotations?.TryGetValue(ImportLabels.SkipCleanupAnnotation, out var skip) == true && skip == "true")
        {
            await s.Events.RecordAsync(import, EventRecorder.Warning, "CleanupSkipped",
                $"Deleted without removing its stored objects ({ImportLabels.SkipCleanupAnnotation}); they remain under {s.Location(prefix)}.", ct).ConfigureAwait(false);
            return await ReleaseAsync(import, ct).ConfigureAwait(false);
        }

        var stillThere = false;
        // All three asked to go at once (not one after the other): a split import's deletion waits once, not thrice.
        foreach (var name in ProcessingJobNames.All(import))
            stillThere |= await JobStillThereAsync(import, name, ct).ConfigureAwait(false);
        if (stillThere) return ReconcileResult.After(TimeSpan.FromSeconds(1));

        try
        {
            var deleted = await s.Store.DeletePrefixAsync(prefix, ct).ConfigureAwait(false);
            await s.Events.RecordAsync(import, EventRecorder.Normal, "CleanedUp", $"Deleted {deleted} stored object(s) under {s.Location(prefix)}.", ct).ConfigureAwait(false);
            return await ReleaseAsync(import, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var failures = _failures.AddOrUpdate(uid, 1, (_, n) => n + 1);
            if (failures >= s.Options.CleanupMaxAttempts)
            {
                await s.Events.RecordAsync(import, EventRecorder.Warning, "CleanupAbandoned",
                    $"Could not delete the stored objects under {s.Location(prefix)} after {failures} attempts ({e.Message}); remove them by hand.", ct).ConfigureAwait(false);
                return await ReleaseAsync(import, ct).ConfigureAwait(false);
            }
            await s.Events.RecordAsync(import, EventRecorder.Warning, "CleanupFailed",
                $"Could not delete the stored objects under {s.Location(prefix)} (attempt {failures} of {s.Options.CleanupMaxAttempts}): {e.Message}", ct).ConfigureAwait(false);
            // 2, 4, 8 ... seconds, at most 5 minutes: a storage outage of a few minutes does not lose the clean-up.
            return ReconcileResult.After(TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, failures))));
        }
    }

    async Task<ReconcileResult> ReleaseAsync(HeadlessImport import, CancellationToken ct)
    {
        _failures.TryRemove(import.Metadata.Uid, out _);
        await Finalizers.RemoveAsync(s.Imports, import, ImportLabels.CleanupFinalizer, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>Asks the Job (and its pods) to go, and says whether it is still there.</summary>
    async Task<bool> JobStillThereAsync(HeadlessImport import, string name, CancellationToken ct)
    {
        var ns = import.Metadata.NamespaceProperty;
        V1Job job;
        try { job = await s.Client.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: ct).ConfigureAwait(false); }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound) { return false; }
        if (job.Metadata.OwnerReferences?.Any(o => o.Uid == import.Metadata.Uid) != true) return false;
        if (job.Metadata.DeletionTimestamp is null)
        {
            try
            {
                await s.Client.BatchV1.DeleteNamespacedJobAsync(name, ns, new V1DeleteOptions { PropagationPolicy = "Foreground" }, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound) { return false; }
        }
        return true;
    }
}
