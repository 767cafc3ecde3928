using ImportOperator.Api.V1Alpha1;
using ImportOperator.Notifications;
using ImportOperator.Operator.Imports;
using ImportOperator.Operator.Jobs;
using ImportOperator.Operator.Schemas;
using ImportOperator.Review;
using ImportOperator.Runtime;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Health;
using ImportOperator.Runtime.Helpers;
using ImportOperator.Runtime.Informers;
using ImportOperator.Runtime.Leadership;
using ImportOperator.Runtime.Manager;
using ImportOperator.Runtime.Metrics;
using ImportOperator.Storage;
using ImportOperator.Telemetry;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ImportOperator.Operator.Hosting;

/// <summary>
/// Wires the operator: informers for imports, schemas and processing Jobs; the two reconcilers; the upload
/// watcher; leader election; health endpoints. Runs until cancelled (SIGTERM), then stops cleanly.
/// </summary>
public sealed partial class OperatorHost
{
    public static readonly ResourceKind ImportKind = new(ApiGroup.Group, ApiGroup.Version, HeadlessImport.Plural, HeadlessImport.KindName);
    public static readonly ResourceKind SchemaKind = new(ApiGroup.Group, ApiGroup.Version, ImportSchema.Plural, ImportSchema.KindName);

    public static async Task RunAsync(OperatorSettings settings, ILoggerFactory loggers, CancellationToken ct)
    {
        var options = settings.Operator;
        var logger = loggers.CreateLogger("import-operator");
        var client = new Kubernetes(KubernetesConnection.Configure(options.Kubeconfig, options.Context));
        using var metrics = new RuntimeMetrics();
        // Before anything makes a request: the HTTP instrumentation must be listening first.
        await using var telemetry = await TelemetryExport.ForOperatorAsync(options.Otlp, options.MetricsPort, (port, e) => LogMetricsPortFailed(logger, port, e), ct).ConfigureAwait(false);
        using var s3 = S3ClientFactory.Create(settings.Storage);
        var store = new S3ObjectStore(s3, settings.Storage);
        var watchNamespace = string.IsNullOrWhiteSpace(options.WatchNamespace) ? null : options.WatchNamespace;

        var imports = new ResourceClient<HeadlessImport>(client, ImportKind);
        var importInformer = new Informer<HeadlessImport>(imports, new InformerOptions { Namespace = watchNamespace }, loggers.CreateLogger("informer.headlessimports"), metrics);
        var schemaInformer = new Informer<ImportSchema>(new ResourceClient<ImportSchema>(client, SchemaKind), new InformerOptions { Namespace = watchNamespace }, loggers.CreateLogger("informer.importschemas"), metrics);
        // Only the Jobs this operator made: a cluster's other Jobs never enter the cache.
        var jobInformer = new Informer<V1Job>(new ResourceClient<V1Job>(client, ResourceKind.Jobs),
            new InformerOptions { Namespace = watchNamespace, LabelSelector = $"{ImportLabels.ManagedBy}={ImportLabels.ManagedByValue}" }, loggers.CreateLogger("informer.jobs"), metrics);

        var uploads = new UploadWatcher(importInformer, new UploadScanner(store), options.UploadScanInterval, loggers.CreateLogger("upload-watcher"));
        var events = new EventRecorder(client, "import-operator", logger: loggers.CreateLogger("events"));
        using var webhookHttp = WebhookSender.CreateHttpClient(TimeSpan.FromSeconds(10));
        var notifications = settings.Notifications;
        var services = new ImportOperatorServices
        {
            Client = client,
            Imports = imports,
            Schemas = schemaInformer,
            Jobs = jobInformer,
            Store = store,
            Bucket = settings.Storage.Bucket,
            Urls = new PresignedUrlIssuer(s3, settings.Storage.Bucket),
            Uploads = uploads,
            JobFactory = new ProcessingJobFactory(settings.Worker, settings.Storage) { TelemetryEnvironment = WorkerTelemetryEnvironment.From(telemetry.Otlp) },
            NamespaceResources = new WorkerNamespaceResources(client, settings.Worker, settings.Storage),
            Status = new ImportStatusStore(client, events),
            Events = events,
            Options = options,
            Processing = settings.Processing,
            Webhooks = new WebhookSender(webhookHttp, string.IsNullOrWhiteSpace(notifications.WebhookSigningKeyFile) ? null : WebhookSigningKey.FromFile(notifications.WebhookSigningKeyFile)),
            ReviewLinks = string.IsNullOrWhiteSpace(notifications.ReviewBaseUrl) ? null
                : new ReviewLinks(ReviewSigningKey.FromFile(notifications.ReviewSigningKeyFile!), new Uri(notifications.ReviewBaseUrl)),
            ReviewLinkLifetime = notifications.ReviewLinkLifetime,
            Logger = logger,
        };

        var controllerOptions = new ControllerOptions { MaxConcurrentReconciles = options.MaxConcurrentReconciles };
        var importReconciler = new TracedImportReconciler(new HeadlessImportReconciler(services), imports, logger);
        var importController = new Controller<HeadlessImport>("headlessimport", importInformer, importReconciler, controllerOptions, loggers.CreateLogger("controller.headlessimport"), metrics)
            .TraceParentFrom(ImportTraceContext.Of)
            .Owns(jobInformer)
            .Watches(schemaInformer, schema => ImportsWaitingFor(importInformer, schema));
        var schemaController = new Controller<ImportSchema>("importschema", schemaInformer, new ImportSchemaReconciler(new ResourceClient<ImportSchema>(client, SchemaKind)), controllerOptions, loggers.CreateLogger("controller.importschema"), metrics);
        uploads.Wake = importController.Enqueue;

        var election = options.LeaderElection
            ? new LeaderElectionOptions
            {
                LeaseNamespace = options.LeaderElectionNamespace ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "default",
                LeaseName = options.LeaderElectionId,
            }
            : null;
        var manager = new ControllerManager(client, election, metrics, loggers).Add(schemaController).Add(importController).Add(uploads);
        using var importMetrics = new ImportMetrics(importInformer, () => manager.IsLeader);
        if (telemetry.MetricsPort is { } metricsPort) LogMetrics(logger, metricsPort, TelemetryExport.MetricsPath);
        if (telemetry.Otlp) LogOtlp(logger);

        HealthServer? health = null;
        if (options.HealthPort >= 0)
        {
            // "*" (every address): the managed HttpListener refuses "0.0.0.0" with "The request is not supported".
            health = new HealthServer("*", options.HealthPort, () => manager.IsLive, () => manager.IsReady);
            LogHealth(logger, health.Port);
        }
        try
        {
            LogStarting(logger, watchNamespace ?? "(all namespaces)", settings.Storage.ToString(), settings.Worker.Image, election is not null);
            await manager.RunAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            if (health is not null) await health.DisposeAsync().ConfigureAwait(false);
            LogStopped(logger);
        }
    }

    /// <summary>Imports in the schema's namespace that name it and have not started: they were waiting for it.</summary>
    static IEnumerable<ObjectKey> ImportsWaitingFor(Informer<HeadlessImport> imports, ImportSchema schema)
    {
        foreach (var import in imports.List())
            if (string.IsNullOrEmpty(import.Status?.Phase) && import.Metadata.NamespaceProperty == schema.Metadata.NamespaceProperty
                && import.Spec.SchemaRef?.Name == schema.Metadata.Name)
                yield return ObjectKey.Of(import);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator starting: watching {Namespace}; storage {Storage}; worker image {Image}; leader election {LeaderElection}")]
    static partial void LogStarting(ILogger logger, string @namespace, string storage, string image, bool leaderElection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoints on port {Port} (/healthz, /readyz)")]
    static partial void LogHealth(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus metrics on port {Port} ({Path})")]
    static partial void LogMetrics(ILogger logger, int port, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Exporting traces and metrics by OTLP (OTEL_EXPORTER_OTLP_* settings); processing Jobs export too")]
    static partial void LogOtlp(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The metrics endpoint could not listen on port {Port} (Operator:MetricsPort, --metrics-port); running without /metrics")]
    static partial void LogMetricsPortFailed(ILogger logger, int port, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator stopped")]
    static partial void LogStopped(ILogger logger);
}
