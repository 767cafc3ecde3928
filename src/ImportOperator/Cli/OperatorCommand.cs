using System.CommandLine;
using System.Globalization;
using ImportOperator.Configuration;
using ImportOperator.Operator.Hosting;
using Microsoft.Extensions.Logging;

namespace ImportOperator.Cli;

/// <summary>
/// The <c>operator</c> verb. Every flag is also a configuration key (shown in its help), settable in the JSON file
/// given with --config or as an environment variable IMPORT_OPERATOR_&lt;Section&gt;__&lt;Key&gt;; flags win over the
/// environment, which wins over the file.
/// </summary>
public static class OperatorCommand
{
    public const int ExitConfigurationError = 1;

    public static Command Create()
    {
        var flags = new ConfigurationFlags();

        var config = new Option<string?>("--config") { Description = "A JSON file of settings (sections Operator, Worker, Processing, Storage, Notifications)." };
        Option[] options =
        [
            flags.Add<string?>("--kubeconfig", "Operator:Kubeconfig", "Kubeconfig file (default: KUBECONFIG, ~/.kube/config, then in-cluster)."),
            flags.Add<string?>("--context", "Operator:Context", "Kubeconfig context (default: the current one)."),
            flags.Add<string?>("--namespace", "Operator:WatchNamespace", "Watch only this namespace (default: all namespaces)."),
            flags.Add<bool?>("--leader-elect", "Operator:LeaderElection", "Elect one active replica through a Lease (default true)."),
            flags.Add<string?>("--leader-election-namespace", "Operator:LeaderElectionNamespace", "Namespace of the Lease (default: POD_NAMESPACE, else default)."),
            flags.Add<string?>("--leader-election-id", "Operator:LeaderElectionId", "Name of the Lease (default import-operator-leader)."),
            flags.Add<int?>("--health-port", "Operator:HealthPort", "Port of /healthz and /readyz (default 8081; 0 any free port; -1 off)."),
            flags.Add<int?>("--metrics-port", "Operator:MetricsPort", "Port of the Prometheus endpoint /metrics (default 8080; 0 any free port; -1 off)."),
            flags.Add<bool?>("--otlp", "Operator:Otlp", "Export traces and metrics by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (default true); Jobs inherit it."),
            flags.Add<string?>("--log-format", "Operator:LogFormat", "json, text, or auto (default: json when KUBERNETES_SERVICE_HOST is set, else text)."),
            flags.Add<int?>("--max-concurrent-reconciles", "Operator:MaxConcurrentReconciles", "Imports reconciled at once (default 8)."),
            flags.Add<double?>("--upload-scan-interval", "Operator:UploadScanInterval", "Seconds between checks for uploaded files (default 5).", ConfigurationFlags.Seconds),
            flags.Add<double?>("--schema-wait-timeout", "Operator:SchemaWaitTimeout", "Seconds an import waits for a missing ImportSchema before failing (default 300).", ConfigurationFlags.Seconds),
            flags.Add<double?>("--image-pull-timeout", "Operator:ImagePullTimeout", "Seconds the worker image may fail to pull before the import fails (default 180).", ConfigurationFlags.Seconds),
            flags.Add<double?>("--running-check-interval", "Operator:RunningCheckInterval", "Seconds between checks of a running processing pod (default 15).", ConfigurationFlags.Seconds),
            flags.Add<double?>("--upload-url-renew-before", "Operator:UploadUrlRenewBefore", "Seconds before an unused upload URL expires that a fresh one replaces it (default: a fifth of its lifetime, at most 300).", ConfigurationFlags.Seconds),
            flags.Add<double?>("--result-url-lifetime", "Operator:ResultUrlLifetime", "Seconds a results download URL in status stays valid (default 1800).", ConfigurationFlags.Seconds),
            .. flags.AddStorage("Bucket that holds every import's files (created when absent)."),
            flags.Add<string?>("--worker-image", "Worker:Image", "Image of the processing Jobs (the operator's own image)."),
            flags.Add<string?>("--worker-executable", "Worker:Executable", "The executable inside the worker image (default /app/import-operator)."),
            flags.Add<string?>("--worker-service-account", "Worker:ServiceAccountName", "Service account of the processing pods (default import-operator-worker)."),
            flags.Add<string?>("--worker-storage-secret", "Worker:StorageSecretName", "Secret in each import namespace with accessKeyId/secretAccessKey (empty: workload identity)."),
            flags.Add<bool?>("--worker-provision-namespaces", "Worker:ProvisionNamespaces", "Create the worker's service account and storage Secret in an import's namespace when absent (default true)."),
            flags.Add<int?>("--worker-backoff-limit", "Worker:BackoffLimit", "Retries of a processing pod that failed for infrastructure reasons (default 1)."),
            flags.Add<long?>("--split-threshold-bytes", "Processing:SplitThresholdBytes", "Inputs of at least this many bytes are processed as an Indexed Job, one pod per chunk, then merged (default 536870912 = 512 MiB; 0 never)."),
            flags.Add<long?>("--split-chunk-bytes", "Processing:SplitChunkBytes", "The size a chunk of a split input aims at (default 268435456 = 256 MiB)."),
            flags.Add<int?>("--max-chunks", "Processing:MaxChunks", "At most this many chunks per split input (default 32)."),
            flags.Add<int?>("--max-parallel-chunks", "Processing:MaxParallelChunks", "At most this many chunk pods of one import at once (default 8)."),
            flags.Add<string?>("--webhook-signing-key-file", "Notifications:WebhookSigningKeyFile", "File with the HMAC key that signs webhooks."),
            flags.Add<string?>("--review-base-url", "Notifications:ReviewBaseUrl", "Base URL of the review web app (enables status.reviewUrl)."),
            flags.Add<string?>("--review-signing-key-file", "Notifications:ReviewSigningKeyFile", "File with the HMAC key that signs review links."),
        ];

        return flags.Command("operator", """
            Run the operator: reconcile ImportSchemas and HeadlessImports (upload URLs, processing Jobs, status,
            webhooks, review links, clean-up). Settings come from --config FILE, then IMPORT_OPERATOR_<Section>__<Key>
            environment variables, then these flags; each flag's key is shown in brackets.

            Example (one machine, with s3rver and the test API server):
              import-operator operator --kubeconfig ./kubeconfig --leader-elect false \
                --storage-bucket imports --storage-endpoint http://127.0.0.1:4568 --storage-force-path-style true
            """, config, options, RunAsync);
    }

    public static async Task<int> RunAsync(string? configFile, IReadOnlyDictionary<string, string?> overrides, CancellationToken ct)
    {
        OperatorSettings settings;
        try
        {
            settings = OperatorSettings.Bind(AppConfiguration.Build(configFile, overrides));
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitConfigurationError;
        }
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            ConfigurationFlags.ReportProblems("the operator's", problems);
            return ExitConfigurationError;
        }
        using var loggers = Telemetry.LogFormats.CreateLoggerFactory(settings.Operator.LogFormat);
        try
        {
            await OperatorHost.RunAsync(settings, loggers, ct).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 0;
        }
    }
}
