using System.Net;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Notifications;
using ImportOperator.Runtime;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Helpers;
using k8s;
using k8s.Autorest;

namespace ImportOperator.Operator.Imports;

/// <summary>
/// SUCCESSFUL, FAILED and NEEDS_REVIEW: what still happens after the verdict. The webhook is delivered at least
/// once (retried with backoff, its state in status so a restart resumes it); a NEEDS_REVIEW import keeps a fresh
/// signed review link; results keep fresh download URLs; ttlSecondsAfterFinished deletes a finished import.
/// </summary>
public sealed class FinishedStage(ImportOperatorServices s)
{
    /// <summary>Writes the verdict, then does what follows it at once (the first webhook attempt, links).</summary>
    public async Task<ReconcileResult> EnterAsync(HeadlessImport import, HeadlessImportStatus status, CancellationToken ct)
    {
        // Links go in with the verdict: whoever sees the final phase also sees where the results are.
        var ignored = TimeSpan.MaxValue;
        KeepReviewLink(import, status, s.Now, ref ignored);
        await KeepResultUrlsAsync(status, s.Now).ConfigureAwait(false);
        var written = await s.Status.WriteAsync(import, status, ct).ConfigureAwait(false);
        return written is null ? ReconcileResult.Done : await RunAsync(written, ct).ConfigureAwait(false);
    }

    public async Task<ReconcileResult> RunAsync(HeadlessImport import, CancellationToken ct)
    {
        var now = s.Now;
        var phase = import.Status?.Phase;
        if (ImportPhases.IsFinished(phase) && await ExpireAsync(import, now, ct).ConfigureAwait(false)) return ReconcileResult.Done;

        var status = ImportStatusStore.Copy(import.Status);
        var next = TimeSpan.MaxValue;
        var changed = false;
        var webhook = await DeliverWebhookAsync(import, status, now, ct).ConfigureAwait(false);
        changed |= webhook.Changed;
        next = Min(next, webhook.Next);
        changed |= KeepReviewLink(import, status, now, ref next);
        var urls = await KeepResultUrlsAsync(status, now).ConfigureAwait(false);
        changed |= urls.Changed;
        next = Min(next, urls.Next);
        if (ImportPhases.IsFinished(phase) && TtlOf(import) is { } ttl && status.CompletionTime is { } done)
            next = Min(next, done.AddSeconds(ttl) - now);

        if (changed && await s.Status.WriteAsync(import, status, ct).ConfigureAwait(false) is null) return ReconcileResult.Done;
        return next == TimeSpan.MaxValue ? ReconcileResult.Done : ReconcileResult.After(next < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : next);
    }

    long? TtlOf(HeadlessImport import) => ImportResolver.EffectiveSettings(import, s.Schemas).TtlSecondsAfterFinished;

    /// <summary>Deletes a finished import whose time is up; its finalizer then removes the stored objects.</summary>
    async Task<bool> ExpireAsync(HeadlessImport import, DateTime now, CancellationToken ct)
    {
        if (TtlOf(import) is not { } ttl || import.Status?.CompletionTime is not { } done || now < done.AddSeconds(ttl)) return false;
        // Only once the webhook is settled: deleting earlier would drop an event the user asked for.
        if (import.Status.Webhook is { Delivered: false, GaveUp: false }) return false;
        try
        {
            await s.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, import.Metadata.NamespaceProperty,
                HeadlessImport.Plural, import.Metadata.Name, cancellationToken: ct).ConfigureAwait(false);
            await s.Events.RecordAsync(import, EventRecorder.Normal, "Expired", $"Deleted {ttl} seconds after it finished (settings.ttlSecondsAfterFinished).", ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound) { }
        return true;
    }

    /// <summary>What a follow-up step changed in the status, and when it wants to run again (MaxValue: never).</summary>
    readonly record struct StepResult(bool Changed, TimeSpan Next);

    static readonly StepResult Unchanged = new(false, TimeSpan.MaxValue);

    async Task<StepResult> DeliverWebhookAsync(HeadlessImport import, HeadlessImportStatus status, DateTime now, CancellationToken ct)
    {
        if (status.Webhook is not { Delivered: false, GaveUp: false } webhook || s.Webhooks is null) return Unchanged;
        if (webhook.Attempts > 0 && webhook.LastAttemptTime is { } last)
        {
            var due = last + s.WebhookRetry.DelayBefore(webhook.Attempts + 1);
            if (now < due) return new(false, due - now);
        }
        // A send cannot be taken back: make sure this is the latest state of the import (a stale cached copy would
        // send again what an earlier reconcile already sent, and lose that attempt from the count).
        var live = await s.Imports.GetAsync(ObjectKey.Of(import), ct).ConfigureAwait(false);
        if (live.Metadata.ResourceVersion != import.Metadata.ResourceVersion) throw new StaleImportException(import);
        var settings = ImportResolver.EffectiveSettings(import, s.Schemas);
        var url = WebhookEvents.UrlFor(webhook.Event, settings);
        webhook.Attempts++;
        webhook.LastAttemptTime = now;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var target))
        {
            webhook.GaveUp = true;
            webhook.LastError = url is null ? "No webhook URL is set any more." : $"'{url}' is not an absolute URL.";
            return new(true, TimeSpan.MaxValue);
        }
        var delivery = await s.Webhooks.SendAsync(target, webhook.Event, import, settings, ct).ConfigureAwait(false);
        if (delivery.Delivered)
        {
            webhook.Delivered = true;
            webhook.LastError = null;
            return new(true, TimeSpan.MaxValue);
        }
        webhook.LastError = delivery.Error;
        if (!delivery.Retryable || webhook.Attempts >= s.WebhookRetry.MaxAttempts)
        {
            webhook.GaveUp = true;
            await s.Events.RecordAsync(import, EventRecorder.Warning, "WebhookFailed",
                $"Gave up delivering {webhook.Event} after {webhook.Attempts} attempt(s): {delivery.Error}", ct).ConfigureAwait(false);
            return new(true, TimeSpan.MaxValue);
        }
        return new(true, s.WebhookRetry.DelayBefore(webhook.Attempts + 1));
    }

    bool KeepReviewLink(HeadlessImport import, HeadlessImportStatus status, DateTime now, ref TimeSpan next)
    {
        if (status.Phase != ImportPhases.NeedsReview || s.ReviewLinks is null)
        {
            if (status.ReviewUrl is null) return false;
            status.ReviewUrl = null;
            status.ReviewUrlExpiresAt = null;
            return true;
        }
        var lifetime = s.ReviewLinkLifetime;
        var renewBefore = lifetime / 4;
        if (status.ReviewUrl is not null && status.ReviewUrlExpiresAt is { } expires && expires - now > renewBefore)
        {
            next = Min(next, expires - renewBefore - now);
            return false;
        }
        var link = s.ReviewLinks.Issue(import.Metadata.NamespaceProperty, import.Metadata.Name, import.Metadata.Uid, lifetime);
        status.ReviewUrl = link.Url.ToString();
        status.ReviewUrlExpiresAt = link.ExpiresAt.UtcDateTime;
        next = Min(next, lifetime - renewBefore);
        return true;
    }

    async Task<StepResult> KeepResultUrlsAsync(HeadlessImportStatus status, DateTime now)
    {
        if (status.Result is not { Data: not null, Metadata: not null } result) return Unchanged;
        var lifetime = s.Options.ResultUrlLifetime;
        var renewBefore = lifetime / 3;
        if (result.DataUrl is not null && result.UrlsExpireAt is { } expires && expires - now > renewBefore)
            return new(false, expires - renewBefore - now);
        var keys = KeyOf(result.Data);
        var data = await s.Urls.ForDownloadAsync(keys, lifetime).ConfigureAwait(false);
        var metadata = await s.Urls.ForDownloadAsync(KeyOf(result.Metadata), lifetime).ConfigureAwait(false);
        result.DataUrl = data.Url.ToString();
        result.MetadataUrl = metadata.Url.ToString();
        result.UrlsExpireAt = (data.ExpiresAt < metadata.ExpiresAt ? data.ExpiresAt : metadata.ExpiresAt).UtcDateTime;
        return new(true, lifetime - renewBefore);
    }

    string KeyOf(string location) => location.StartsWith($"s3://{s.Bucket}/", StringComparison.Ordinal) ? location[($"s3://{s.Bucket}/").Length..] : location;

    static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
