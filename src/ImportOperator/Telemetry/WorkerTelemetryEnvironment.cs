namespace ImportOperator.Telemetry;

/// <summary>
/// The OTEL_* variables a processing Job inherits from the operator when the operator exports by OTLP, so the
/// worker's spans and metrics go to the same collector. Header variables (OTEL_EXPORTER_OTLP_HEADERS) are not
/// copied: they often hold credentials, and a Job's environment is readable by anyone who may read Jobs — give
/// them to the worker through Worker:Environment if the collector needs them.
/// </summary>
public static class WorkerTelemetryEnvironment
{
    public const string ResourceAttributes = "OTEL_RESOURCE_ATTRIBUTES";

    public static readonly IReadOnlyList<string> Inherited =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_TIMEOUT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        ResourceAttributes,
        "OTEL_TRACES_SAMPLER",
        "OTEL_TRACES_SAMPLER_ARG",
        "OTEL_METRIC_EXPORT_INTERVAL",
    ];

    /// <summary>The operator's resource attributes (if any), then the Job's: k8s.namespace.name, k8s.job.name, importoperator.import.uid.</summary>
    public static string ResourceAttributesFor(string? inherited, string? @namespace, string jobName, string? uid)
    {
        var own = $"k8s.namespace.name={@namespace},k8s.job.name={jobName},{ImportTelemetry.Attributes.Uid}={uid}";
        return string.IsNullOrWhiteSpace(inherited) ? own : $"{inherited},{own}";
    }

    /// <summary>The variables set in the operator's environment, when <paramref name="otlp"/> is on; else none.</summary>
    public static IReadOnlyDictionary<string, string> From(bool otlp, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!otlp) return result;
        foreach (var name in Inherited)
            if (environment(name) is { Length: > 0 } value) result[name] = value;
        return result;
    }
}
