using System.Globalization;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Storage;

namespace ImportOperator.Operator.Imports;

/// <summary>
/// AWAITING_UPLOAD: a presigned PUT URL for exactly the input key, renewed before it expires while no file has
/// arrived; the upload watcher says when the file is there and how big; FileTooLarge and UploadTimeout end it.
/// </summary>
public sealed class UploadStage(ImportOperatorServices s, ImportTransitions transitions, ProcessingStage processing, FinishedStage finished)
{
    /// <summary>Issues (or renews) the upload URL and writes AWAITING_UPLOAD.</summary>
    public async Task<ReconcileResult> IssueAsync(HeadlessImport import, HeadlessImportStatus status, CancellationToken ct)
    {
        var settings = ImportResolver.EffectiveSettings(import, s.Schemas);
        var lifetime = TimeSpan.FromSeconds(settings.UploadUrlExpirySeconds ?? (int)PresignedUrlIssuer.DefaultUploadExpiry.TotalSeconds);
        var url = await s.Urls.ForUploadAsync(ImportResolver.KeysOf(import).Input, lifetime).ConfigureAwait(false);
        status.Phase = ImportPhases.AwaitingUpload;
        status.Upload = url.Url.ToString();
        status.UploadExpiresAt = url.ExpiresAt.UtcDateTime;
        var written = await s.Status.WriteAsync(import, status, ct).ConfigureAwait(false);
        return written is null ? ReconcileResult.Done : ReconcileResult.After(NextCheck(written, settings.UploadTimeoutSeconds, lifetime));
    }

    public async Task<ReconcileResult> RunAsync(HeadlessImport import, CancellationToken ct)
    {
        var settings = ImportResolver.EffectiveSettings(import, s.Schemas);
        var now = s.Now;
        if (s.Uploads.TryGetArrival(import.Metadata.Uid, out var size))
        {
            s.Uploads.Forget(import.Metadata.Uid);
            if (settings.MaxFileSize is { } max && size > max)
                return await finished.EnterAsync(import, transitions.Failed(import, "FileTooLarge",
                    $"{import.Spec.OriginalFilename} is {size.ToString(CultureInfo.InvariantCulture)} bytes; settings.maxFileSize allows at most {max.ToString(CultureInfo.InvariantCulture)}."), ct).ConfigureAwait(false);
            var status = transitions.Base(import);
            status.Phase = ImportPhases.Pending;
            status.Upload = null;
            status.UploadExpiresAt = null;
            status.Conditions = ImportConditions.Set(status.Conditions, ImportConditions.Uploaded, true, "FileReceived",
                $"{import.Spec.OriginalFilename}: {size.ToString(CultureInfo.InvariantCulture)} bytes received.", now, import.Metadata.Generation);
            var pending = await s.Status.WriteAsync(import, status, ct).ConfigureAwait(false);
            return pending is null ? ReconcileResult.Done : await processing.StartAsync(pending, ct).ConfigureAwait(false);
        }

        if (settings.UploadTimeoutSeconds is { } timeout && now >= (import.Metadata.CreationTimestamp ?? now).AddSeconds(timeout))
            return await finished.EnterAsync(import, transitions.Failed(import, "UploadTimeout",
                $"No file arrived within {timeout.ToString(CultureInfo.InvariantCulture)} seconds (settings.uploadTimeoutSeconds) of the import's creation; create a new import to try again."), ct).ConfigureAwait(false);

        var lifetime = TimeSpan.FromSeconds(settings.UploadUrlExpirySeconds ?? (int)PresignedUrlIssuer.DefaultUploadExpiry.TotalSeconds);
        if (import.Status?.Upload is null || import.Status.UploadExpiresAt is not { } expires || now >= RenewAt(expires, lifetime))
            return await IssueAsync(import, transitions.Base(import), ct).ConfigureAwait(false);
        return ReconcileResult.After(NextCheck(import, settings.UploadTimeoutSeconds, lifetime));
    }

    // Renew when a fifth of the lifetime (at most 5 minutes) is left: a client that just read the URL still has time to use it.
    DateTime RenewAt(DateTime expires, TimeSpan lifetime) =>
        expires - (s.Options.UploadUrlRenewBefore is { } before && before < lifetime ? before : TimeSpan.FromTicks(Math.Min(lifetime.Ticks / 5, TimeSpan.FromMinutes(5).Ticks)));

    TimeSpan NextCheck(HeadlessImport import, long? timeoutSeconds, TimeSpan lifetime)
    {
        var now = s.Now;
        var next = import.Status?.UploadExpiresAt is { } expires ? RenewAt(expires, lifetime) : now + lifetime;
        if (timeoutSeconds is { } timeout)
        {
            var deadline = (import.Metadata.CreationTimestamp ?? now).AddSeconds(timeout);
            if (deadline < next) next = deadline;
        }
        var wait = next - now;
        return wait < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : wait + TimeSpan.FromMilliseconds(50);
    }
}
