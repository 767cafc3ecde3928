using ImportOperator.Api.V1Alpha1;
using ImportOperator.Imports;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Storage;
using k8s;
using k8s.Autorest;

namespace ImportOperator.Operator.Imports;

/// <summary>
/// A new import: resolve its schema (waiting a bounded time for a schemaRef that does not exist yet), then either
/// store its initialData as the input (straight to PENDING) or issue the presigned upload URL (AWAITING_UPLOAD).
/// </summary>
public sealed class ImportStartStage(ImportOperatorServices s, ImportTransitions transitions, UploadStage upload, ProcessingStage processing, FinishedStage finished)
{
    static readonly TimeSpan SchemaRecheck = TimeSpan.FromSeconds(30);

    public async Task<ReconcileResult> RunAsync(HeadlessImport import, CancellationToken ct)
    {
        var resolution = ImportResolver.Resolve(import, s.Schemas);
        if (resolution.SchemaMissing) return await WaitForSchemaAsync(import, resolution, ct).ConfigureAwait(false);
        if (resolution.Resolved is null)
            return await finished.EnterAsync(import, transitions.Failed(import, resolution.FailureReason!, resolution.FailureMessage!), ct).ConfigureAwait(false);

        var now = s.Now;
        var keys = ImportResolver.KeysOf(import);
        await s.Store.EnsureBucketAsync(ct).ConfigureAwait(false);
        var status = transitions.Base(import);
        status.Conditions = ImportConditions.Set(status.Conditions, ImportConditions.SchemaResolved, true, "Resolved",
            import.Spec.SchemaRef is { } r ? $"ImportSchema '{r.Name}'." : "Inline fields.", now, import.Metadata.Generation);

        if (import.Spec.InitialData is { } rows)
        {
            var input = ImportInput.FromInitialData(rows);
            await using (var stream = input.Open())
                await s.Store.PutAsync(keys.Input, stream, ResultsCommitter.JsonContentType, ct).ConfigureAwait(false);
            status.Phase = ImportPhases.Pending;
            status.Conditions = ImportConditions.Set(status.Conditions, ImportConditions.Uploaded, true, "InitialData",
                $"{rows.Count} inline rows stored ({input.Length} bytes).", now, import.Metadata.Generation);
            var pending = await s.Status.WriteAsync(import, status, ct).ConfigureAwait(false);
            return pending is null ? ReconcileResult.Done : await processing.StartAsync(pending, ct).ConfigureAwait(false);
        }
        return await upload.IssueAsync(import, status, ct).ConfigureAwait(false);
    }

    async Task<ReconcileResult> WaitForSchemaAsync(HeadlessImport import, ImportResolution resolution, CancellationToken ct)
    {
        var now = s.Now;
        var created = import.Metadata.CreationTimestamp ?? now;
        var deadline = created + s.Options.SchemaWaitTimeout;
        var name = import.Spec.SchemaRef!.Name;
        var ns = import.Metadata.NamespaceProperty;
        if (now >= deadline && await ExistsOnServerAsync(ns, name, ct).ConfigureAwait(false))
            return ReconcileResult.After(TimeSpan.FromSeconds(1)); // The cache lags (a watch reconnecting); it will catch up.
        if (now >= deadline)
            return await finished.EnterAsync(import, transitions.Failed(import, ImportResolver.SchemaNotFound,
                $"No ImportSchema named '{name}' appeared in namespace '{ns}' within {s.Options.SchemaWaitTimeout.TotalSeconds:0} seconds; create it (or fix spec.schemaRef.name) and create the import again."), ct).ConfigureAwait(false);

        var message = $"Waiting for ImportSchema '{name}' in namespace '{ns}'; the import fails at {deadline:u} if it does not appear.";
        var current = import.Status?.Conditions?.FirstOrDefault(c => c.Type == ImportConditions.SchemaResolved);
        if (current is null || current.Status != "False" || current.Message != message)
        {
            var status = transitions.Base(import);
            status.Conditions = ImportConditions.Set(status.Conditions, ImportConditions.SchemaResolved, false, ImportResolver.SchemaNotFound, message, now, import.Metadata.Generation);
            await s.Status.WriteAsync(import, status, ct).ConfigureAwait(false);
        }
        // The schema informer wakes the import as soon as the schema appears; this is the deadline check.
        var remaining = deadline - now;
        return ReconcileResult.After(remaining < SchemaRecheck ? remaining + TimeSpan.FromMilliseconds(50) : SchemaRecheck);
    }

    /// <summary>
    /// A live read before failing for good: the informer's cache can trail the server while its watch reconnects, and
    /// an import must never fail as SchemaNotFound for a schema that exists.
    /// </summary>
    async Task<bool> ExistsOnServerAsync(string ns, string name, CancellationToken ct)
    {
        try
        {
            await s.Client.CustomObjects.GetNamespacedCustomObjectAsync<ImportSchema>(ApiGroup.Group, ApiGroup.Version, ns, ImportSchema.Plural, name, ct).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return false; }
    }
}
