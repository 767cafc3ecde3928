using System.Net;
using System.Text.Json;
using ImportOperator.Api;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Runtime.Helpers;
using k8s;
using k8s.Autorest;

namespace ImportOperator.Operator.Imports;

/// <summary>
/// Writes a HeadlessImport's whole status (a PUT of the status subresource, guarded by resourceVersion, so fields
/// that no longer apply — the upload URL after the file arrived — really go away), and records an Event whenever
/// the phase changes. A 409 means the cached object was stale: <see cref="StaleImportException"/> makes the
/// controller retry the reconcile on the fresh object.
/// </summary>
public sealed class ImportStatusStore(IKubernetes client, EventRecorder events)
{
    /// <returns>The import as stored after the write, or null when it no longer exists.</returns>
    public async Task<HeadlessImport?> WriteAsync(HeadlessImport import, HeadlessImportStatus status, CancellationToken ct)
    {
        var body = new HeadlessImport
        {
            ApiVersion = ApiGroup.ApiVersion, Kind = HeadlessImport.KindName, Metadata = import.Metadata, Spec = import.Spec, Status = status,
        };
        HeadlessImport updated;
        try
        {
            updated = await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<HeadlessImport>(body, ApiGroup.Group, ApiGroup.Version,
                import.Metadata.NamespaceProperty, HeadlessImport.Plural, import.Metadata.Name, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new StaleImportException(import);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        if (import.Status?.Phase != status.Phase && status.Phase is not null)
            await events.RecordAsync(updated, EventTypeOf(status.Phase), EventReasonOf(status.Phase), PhaseMessage(status), ct).ConfigureAwait(false);
        return updated;
    }

    /// <summary>A deep copy to change: statuses read from the informer cache are shared and must not be mutated.</summary>
    public static HeadlessImportStatus Copy(HeadlessImportStatus? status) =>
        status is null ? new HeadlessImportStatus() : JsonSerializer.Deserialize<HeadlessImportStatus>(JsonSerializer.SerializeToUtf8Bytes(status, ApiJson.Options), ApiJson.Options)!;

    static string EventTypeOf(string phase) => phase is ImportPhases.Failed or ImportPhases.NeedsReview ? EventRecorder.Warning : EventRecorder.Normal;

    static string EventReasonOf(string phase) => phase switch
    {
        ImportPhases.AwaitingUpload => "AwaitingUpload",
        ImportPhases.Pending => "Pending",
        ImportPhases.Running => "Running",
        ImportPhases.Successful => "Succeeded",
        ImportPhases.NeedsReview => "NeedsReview",
        _ => "Failed",
    };

    static string PhaseMessage(HeadlessImportStatus status) => status.Phase switch
    {
        ImportPhases.AwaitingUpload => $"Waiting for {status.OriginalFilename} to be uploaded (URL valid until {status.UploadExpiresAt:u}).",
        ImportPhases.Pending => "Input stored; waiting to be processed.",
        ImportPhases.Running => "Processing Job started.",
        _ => $"{status.Reason}: {status.Message}",
    };
}

/// <summary>The import changed since it was read; reconcile again on the fresh object.</summary>
public sealed class StaleImportException(HeadlessImport import)
    : Exception($"HeadlessImport {import.Metadata.NamespaceProperty}/{import.Metadata.Name} changed while it was reconciled.");
