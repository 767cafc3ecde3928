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

    sealed record Flag(Option Option, string Key, Func<object?, string?> ToValue);

    public static Command Create()
    {
        var flags = new List<Flag>();
        Option<T> Add<T>(string name, string key, string description, Func<T, string?>? format = null)
        {
            var option = new Option<T>(name) { Description = $"{description} [{key}]" };
            flags.Add(new Flag(option, key, value => value is null ? null : format is not null ? format((T)value) : Convert.ToString(value, CultureInfo.InvariantCulture)));
            return option;
        }
        static string? Seconds(double? value) => value is { } v ? TimeSpan.FromSeconds(v).ToString("c", CultureInfo.InvariantCulture) : null;
        static string? Bool(bool? value) => value is { } v ? (v ? "true" : "false") : null;

        var config = new Option<string?>("--config") { Description = "A JSON file of settings (sections Operator, Worker, Storage, Notifications)." };
        var options = new Option[]
        {
            Add<string?>("--kubeconfig", "Operator:Kubeconfig", "Kubeconfig file (default: KUBECONFIG, ~/.kube/config, then in-cluster)."),
            Add<string?>("--context", "Operator:Context", "Kubeconfig context (default: the current one)."),
            Add<string?>("--namespace", "Operator:WatchNamespace", "Watch only this namespace (default: all namespaces)."),
            Add<bool?>("--leader-elect", "Operator:LeaderElection", "Elect one active replica through a Lease (default true).", Bool),
            Add<string?>("--leader-election-namespace", "Operator:LeaderElectionNamespace", "Namespace of the Lease (default: POD_NAMESPACE, else default)."),
            Add<string?>("--leader-election-id", "Operator:LeaderElectionId", "Name of the Lease (default import-operator-leader)."),
            Add<int?>("--health-port", "Operator:HealthPort", "Port of /healthz and /readyz (default 8081; 0 any free port; -1 off)."),
            Add<int?>("--metrics-port", "Operator:MetricsPort", "Port of the Prometheus endpoint /metrics (default 8080; 0 any free port; -1 off)."),
            Add<bool?>("--otlp", "Operator:Otlp", "Export traces and metrics by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (default true); Jobs inherit it.", Bool),
            Add<string?>("--log-format", "Operator:LogFormat", "json, text, or auto (default: json when KUBERNETES_SERVICE_HOST is set, else text)."),
            Add<int?>("--max-concurrent-reconciles", "Operator:MaxConcurrentReconciles", "Imports reconciled at once (default 8)."),
            Add<double?>("--upload-scan-interval", "Operator:UploadScanInterval", "Seconds between checks for uploaded files (default 5).", Seconds),
            Add<double?>("--schema-wait-timeout", "Operator:SchemaWaitTimeout", "Seconds an import waits for a missing ImportSchema before failing (default 300).", Seconds),
            Add<double?>("--image-pull-timeout", "Operator:ImagePullTimeout", "Seconds the worker image may fail to pull before the import fails (default 180).", Seconds),
            Add<double?>("--running-check-interval", "Operator:RunningCheckInterval", "Seconds between checks of a running processing pod (default 15).", Seconds),
            Add<double?>("--upload-url-renew-before", "Operator:UploadUrlRenewBefore", "Seconds before an unused upload URL expires that a fresh one replaces it (default: a fifth of its lifetime, at most 300).", Seconds),
            Add<double?>("--result-url-lifetime", "Operator:ResultUrlLifetime", "Seconds a results download URL in status stays valid (default 1800).", Seconds),
            Add<string?>("--storage-bucket", "Storage:Bucket", "Bucket that holds every import's files (created when absent)."),
            Add<string?>("--storage-endpoint", "Storage:ServiceUrl", "S3-compatible endpoint, e.g. http://minio:9000 (default: AWS)."),
            Add<string?>("--storage-region", "Storage:Region", "AWS region, or the signing region of the endpoint."),
            Add<bool?>("--storage-force-path-style", "Storage:ForcePathStyle", "Address buckets as host/bucket (MinIO, Ceph, s3rver).", Bool),
            Add<string?>("--storage-access-key-id-file", "Storage:AccessKeyIdFile", "File holding the access key id (default: the AWS credential chain)."),
            Add<string?>("--storage-secret-access-key-file", "Storage:SecretAccessKeyFile", "File holding the secret access key."),
            Add<string?>("--worker-image", "Worker:Image", "Image of the processing Jobs (the operator's own image)."),
            Add<string?>("--worker-executable", "Worker:Executable", "The executable inside the worker image (default /app/import-operator)."),
            Add<string?>("--worker-service-account", "Worker:ServiceAccountName", "Service account of the processing pods (default import-operator-worker)."),
            Add<string?>("--worker-storage-secret", "Worker:StorageSecretName", "Secret in each import namespace with accessKeyId/secretAccessKey (empty: workload identity)."),
            Add<bool?>("--worker-provision-namespaces", "Worker:ProvisionNamespaces", "Create the worker's service account and storage Secret in an import's namespace when absent (default true).", Bool),
            Add<int?>("--worker-backoff-limit", "Worker:BackoffLimit", "Retries of a processing pod that failed for infrastructure reasons (default 1)."),
            Add<string?>("--webhook-signing-key-file", "Notifications:WebhookSigningKeyFile", "File with the HMAC key that signs webhooks."),
            Add<string?>("--review-base-url", "Notifications:ReviewBaseUrl", "Base URL of the review web app (enables status.reviewUrl)."),
            Add<string?>("--review-signing-key-file", "Notifications:ReviewSigningKeyFile", "File with the HMAC key that signs review links."),
        };

        var command = new Command("operator", """
            Run the operator: reconcile ImportSchemas and HeadlessImports (upload URLs, processing Jobs, status,
            webhooks, review links, clean-up). Settings come from --config FILE, then IMPORT_OPERATOR_<Section>__<Key>
            environment variables, then these flags; each flag's key is shown in brackets.

            Example (one machine, with s3rver and the test API server):
              import-operator operator --kubeconfig ./kubeconfig --leader-elect false \
                --storage-bucket imports --storage-endpoint http://127.0.0.1:4568 --storage-force-path-style true
            """);
        command.Options.Add(config);
        foreach (var option in options) command.Options.Add(option);
        command.SetAction(async (parseResult, ct) =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var flag in flags)
            {
                var result = parseResult.GetResult(flag.Option);
                if (result is null || result.Implicit) continue;
                overrides[flag.Key] = flag.ToValue(result.GetValueOrDefault<object?>());
            }
            return await RunAsync(parseResult.GetValue(config), overrides, ct).ConfigureAwait(false);
        });
        return command;
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
            Console.Error.WriteLine("error: the operator's settings are invalid:");
            foreach (var problem in problems) Console.Error.WriteLine($" - {problem}");
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
