namespace ImportOperator.Telemetry;

/// <summary>
/// The OTEL_* variables a processing Job inherits from the operator when the operator exports by OTLP, so the
/// worker's spans and metrics go to the same collector. Header variables (OTEL_EXPORTER_OTLP_HEADERS) are not
/// copied: they often hold credentials, and a Job's environment is readable by anyone who may read Jobs — give
/// them to the worker through Worker:Environment if the collector needs them.
/// </summary>
public static class WorkerTelemetryEnvironment
{
    public static readonly IReadOnlyList<string> Inherited =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_TIMEOUT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_TRACES_SAMPLER",
        "OTEL_TRACES_SAMPLER_ARG",
        "OTEL_METRIC_EXPORT_INTERVAL",
    ];

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
