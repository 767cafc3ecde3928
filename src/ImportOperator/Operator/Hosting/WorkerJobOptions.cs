namespace ImportOperator.Operator.Hosting;

/// <summary>How processing Jobs are built (configuration section <see cref="SectionName"/>).</summary>
public sealed class WorkerJobOptions
{
    public const string SectionName = "Worker";

    /// <summary>The image the Job runs: the operator's own image (it carries the worker verb).</summary>
    public string Image { get; set; } = "ghcr.io/importoperator/import-operator:latest";

    public string ImagePullPolicy { get; set; } = "IfNotPresent";

    /// <summary>The executable in the image (the container's command); the worker verb and its flags follow as args.</summary>
    public string Executable { get; set; } = "/app/import-operator";

    /// <summary>The worker's own service account in the import's namespace (no RBAC needed: it only talks to storage).</summary>
    public string ServiceAccountName { get; set; } = "import-operator-worker";

    /// <summary>
    /// Secret in the import's namespace with keys accessKeyId and secretAccessKey, passed to the worker as
    /// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Empty: no static credentials (workload identity on the service account).
    /// </summary>
    public string? StorageSecretName { get; set; } = "import-operator-storage";

    /// <summary>
    /// Create the worker's service account and storage Secret in an import's namespace when absent (copying the
    /// operator's own credential files). Off when an installer (Helm) provisions them per namespace.
    /// </summary>
    public bool ProvisionNamespaces { get; set; } = true;

    /// <summary>Annotations of the provisioned service account (e.g. eks.amazonaws.com/role-arn for workload identity).</summary>
    public Dictionary<string, string> ServiceAccountAnnotations { get; set; } = [];

    /// <summary>Retries of a failed processing pod (infrastructure failures only: bad data never retries).</summary>
    public int BackoffLimit { get; set; } = 1;

    /// <summary>activeDeadlineSeconds when settings.processing.timeoutSeconds is not given.</summary>
    public long DefaultTimeoutSeconds { get; set; } = 3600;

    public Dictionary<string, string> DefaultRequests { get; set; } = new() { ["cpu"] = "250m", ["memory"] = "256Mi" };
    public Dictionary<string, string> DefaultLimits { get; set; } = new() { ["memory"] = "1Gi" };

    /// <summary>Size limit of the scratch volume at /tmp (the input is copied there, results are written there first).</summary>
    public string ScratchSizeLimit { get; set; } = "4Gi";

    /// <summary>Extra environment for the worker (e.g. OTEL_* settings).</summary>
    public Dictionary<string, string> Environment { get; set; } = [];

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var p = SectionName + ":";
        if (string.IsNullOrWhiteSpace(Image)) problems.Add($"{p}{nameof(Image)} is required: the image that runs the worker verb.");
        if (string.IsNullOrWhiteSpace(Executable)) problems.Add($"{p}{nameof(Executable)} is required: the executable in the image.");
        if (BackoffLimit is < 0 or > 10) problems.Add($"{p}{nameof(BackoffLimit)} must be between 0 and 10.");
        if (DefaultTimeoutSeconds < 1) problems.Add($"{p}{nameof(DefaultTimeoutSeconds)} must be at least 1.");
        if (ImagePullPolicy is not ("Always" or "IfNotPresent" or "Never")) problems.Add($"{p}{nameof(ImagePullPolicy)} must be Always, IfNotPresent or Never.");
        return problems;
    }
}
