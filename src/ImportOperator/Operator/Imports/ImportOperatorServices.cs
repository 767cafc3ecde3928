using ImportOperator.Api.V1Alpha1;
using ImportOperator.Notifications;
using ImportOperator.Operator.Hosting;
using ImportOperator.Operator.Jobs;
using ImportOperator.Review;
using ImportOperator.Runtime;
using ImportOperator.Runtime.Helpers;
using ImportOperator.Runtime.Informers;
using ImportOperator.Storage;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ImportOperator.Operator.Imports;

/// <summary>Everything the HeadlessImport reconciler's stages share: clients, caches, storage and settings.</summary>
public sealed class ImportOperatorServices
{
    public required IKubernetes Client { get; init; }
    public required ResourceClient<HeadlessImport> Imports { get; init; }
    public required Informer<ImportSchema> Schemas { get; init; }
    public required Informer<V1Job> Jobs { get; init; }
    public required IObjectStore Store { get; init; }
    public required string Bucket { get; init; }
    public required PresignedUrlIssuer Urls { get; init; }
    public required UploadWatcher Uploads { get; init; }
    public required ProcessingJobFactory JobFactory { get; init; }
    public required WorkerNamespaceResources NamespaceResources { get; init; }
    public required ImportStatusStore Status { get; init; }
    public required EventRecorder Events { get; init; }
    public required OperatorOptions Options { get; init; }

    /// <summary>When large files are split into chunk pods (Processing:*); the defaults when not given.</summary>
    public ProcessingOptions Processing { get; init; } = new();
    public WebhookSender? Webhooks { get; init; }
    public WebhookRetryPolicy WebhookRetry { get; init; } = new();
    public ReviewLinks? ReviewLinks { get; init; }
    public TimeSpan ReviewLinkLifetime { get; init; } = TimeSpan.FromHours(24);
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public required ILogger Logger { get; init; }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>An s3:// location users can recognise in status (never a credential).</summary>
    public string Location(string key) => $"s3://{Bucket}/{key}";
}
