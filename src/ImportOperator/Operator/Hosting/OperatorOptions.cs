namespace ImportOperator.Operator.Hosting;

/// <summary>How the operator runs (configuration section <see cref="SectionName"/>; flags of the operator verb).</summary>
public sealed class OperatorOptions
{
    public const string SectionName = "Operator";

    /// <summary>Kubeconfig file; empty: KUBECONFIG, then ~/.kube/config, then the in-cluster service account.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Kubeconfig context; empty: the current context.</summary>
    public string? Context { get; set; }

    /// <summary>The one namespace to watch; empty: all namespaces (cluster-wide RBAC needed).</summary>
    public string? WatchNamespace { get; set; }

    /// <summary>Only one replica reconciles at a time; others keep warm caches and take over within the lease duration.</summary>
    public bool LeaderElection { get; set; } = true;

    /// <summary>Namespace of the leader Lease; default: the operator's own namespace (POD_NAMESPACE), else "default".</summary>
    public string? LeaderElectionNamespace { get; set; }

    public string LeaderElectionId { get; set; } = "import-operator-leader";

    /// <summary>Port of /healthz and /readyz (0: pick a free one; -1: off).</summary>
    public int HealthPort { get; set; } = 8081;

    /// <summary>Imports reconciled at once (each import is only ever reconciled by one worker at a time).</summary>
    public int MaxConcurrentReconciles { get; set; } = 8;

    /// <summary>How often all imports awaiting a file are checked for it (one storage listing per namespace).</summary>
    public TimeSpan UploadScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an import waits for the ImportSchema it names before failing with SchemaNotFound.</summary>
    public TimeSpan SchemaWaitTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the worker image may fail to pull before the import fails with ImagePullFailed.</summary>
    public TimeSpan ImagePullTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>While RUNNING, how often the processing pod is checked for problems a Job never reports (image pulls).</summary>
    public TimeSpan RunningCheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long before an unused upload URL expires a fresh one replaces it. Empty: a fifth of its lifetime, at most
    /// 5 minutes (enough for a client that just read the URL to use it).
    /// </summary>
    public TimeSpan? UploadUrlRenewBefore { get; set; }

    /// <summary>Lifetime of the results download URLs in status (Dromo gives 30 minutes); renewed before they expire.</summary>
    public TimeSpan ResultUrlLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Attempts to delete an import's stored objects before the finalizer gives up (with a Warning event).</summary>
    public int CleanupMaxAttempts { get; set; } = 10;

    /// <summary>Port of the Prometheus scrape endpoint /metrics (0: pick a free one; -1: off).</summary>
    public int MetricsPort { get; set; } = 8080;

    /// <summary>
    /// Export spans and metrics by OTLP (configured by the standard OTEL_* variables; only when an endpoint such as
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set). The processing Jobs inherit the setting and the endpoint.
    /// </summary>
    public bool Otlp { get; set; } = true;

    /// <summary>Log format: json, text, or auto (json in a cluster, i.e. when KUBERNETES_SERVICE_HOST is set).</summary>
    public string LogFormat { get; set; } = Telemetry.LogFormats.Auto;

    /// <summary>Every problem with these settings, each naming its setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var p = SectionName + ":";
        if (MaxConcurrentReconciles < 1) problems.Add($"{p}{nameof(MaxConcurrentReconciles)} must be at least 1.");
        if (UploadScanInterval < TimeSpan.FromMilliseconds(100)) problems.Add($"{p}{nameof(UploadScanInterval)} must be at least 100ms.");
        if (ResultUrlLifetime < TimeSpan.FromMinutes(1) || ResultUrlLifetime > TimeSpan.FromDays(7))
            problems.Add($"{p}{nameof(ResultUrlLifetime)} must be between 1 minute and 7 days (the SigV4 limit).");
        if (HealthPort < -1 || HealthPort > 65535) problems.Add($"{p}{nameof(HealthPort)} must be a port number, 0 (any free port) or -1 (off).");
        if (MetricsPort < -1 || MetricsPort > 65535) problems.Add($"{p}{nameof(MetricsPort)} must be a port number, 0 (any free port) or -1 (off).");
        if (!Telemetry.LogFormats.IsValid(LogFormat)) problems.Add($"{p}{nameof(LogFormat)} must be json, text or auto (it is '{LogFormat}').");
        if (CleanupMaxAttempts < 1) problems.Add($"{p}{nameof(CleanupMaxAttempts)} must be at least 1.");
        if (!string.IsNullOrEmpty(Kubeconfig) && !File.Exists(Kubeconfig)) problems.Add($"{p}{nameof(Kubeconfig)}: file '{Kubeconfig}' does not exist.");
        return problems;
    }
}
