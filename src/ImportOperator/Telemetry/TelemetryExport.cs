using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ImportOperator.Runtime.Metrics;
using ImportOperator.Runtime.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ImportOperator.Telemetry;

/// <summary>
/// Where spans and metrics go. OTLP is configured entirely by the standard OTEL_* variables and only switched on
/// when an endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT, or the per-signal _TRACES_/_METRICS_ variants); the
/// Prometheus scrape endpoint (/metrics) serves the metrics on a port of its own. Disposing flushes what is pending
/// (the worker's last metrics and spans leave before it exits).
/// </summary>
public sealed class TelemetryExport : IDisposable
{
    public const string MetricsPath = "/metrics";

    TracerProvider? _tracer;
    MeterProvider? _meter;

    /// <summary>The port /metrics listens on, or null when there is no scrape endpoint.</summary>
    public int? MetricsPort { get; private set; }

    /// <summary>Whether spans and metrics leave by OTLP.</summary>
    public bool Otlp { get; private set; }

    /// <summary>True when the environment names an OTLP endpoint (what switches OTLP on).</summary>
    public static bool OtlpConfigured(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return !string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_ENDPOINT"))
            || !string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
            || !string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"));
    }

    /// <summary>
    /// The operator's export: OTLP when <paramref name="otlp"/> and configured; /metrics on <paramref name="metricsPort"/>
    /// (0: any free port, -1: none). A port that cannot be opened is reported through <paramref name="onMetricsPortError"/>
    /// and the operator runs on without it: imports matter more than their metrics.
    /// </summary>
    public static TelemetryExport ForOperator(bool otlp, int metricsPort, Action<int, Exception>? onMetricsPortError = null)
    {
        var export = new TelemetryExport { Otlp = otlp && OtlpConfigured() };
        if (export.Otlp) export._tracer = Tracing(ImportTelemetry.OperatorServiceName).AddOtlpExporter().Build();
        if (metricsPort >= 0)
        {
            var port = metricsPort == 0 ? FreePort() : metricsPort;
            try
            {
                export._meter = Metrics(ImportTelemetry.OperatorServiceName, export.Otlp, port);
                export.MetricsPort = port;
            }
            catch (Exception e) when (e is HttpListenerException or SocketException or InvalidOperationException)
            {
                onMetricsPortError?.Invoke(port, e);
            }
        }
        export._meter ??= export.Otlp ? Metrics(ImportTelemetry.OperatorServiceName, otlp: true, prometheusPort: null) : null;
        return export;
    }

    /// <summary>The worker's export: OTLP only (it has no port anyone scrapes), when configured.</summary>
    public static TelemetryExport ForWorker()
    {
        var export = new TelemetryExport { Otlp = OtlpConfigured() };
        if (!export.Otlp) return export;
        export._tracer = Tracing(ImportTelemetry.WorkerServiceName).AddOtlpExporter().Build();
        export._meter = Metrics(ImportTelemetry.WorkerServiceName, otlp: true, prometheusPort: null);
        return export;
    }

    /// <summary>Sources and instrumentation shared by every exporter (tests add the in-memory one).</summary>
    public static TracerProviderBuilder Tracing(string serviceName) => Sdk.CreateTracerProviderBuilder()
        .SetResourceBuilder(Resource(serviceName))
        .AddSource(RuntimeTracing.SourceName, ImportTelemetry.SourceName)
        // Only calls made inside a reconcile or the worker: the informers' watches and the upload scans would
        // otherwise be a stream of one-span traces.
        .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = _ => HasParent(Activity.Current));

    /// <summary>Meters shared by every exporter.</summary>
    public static MeterProviderBuilder MeterSources(string serviceName) => Sdk.CreateMeterProviderBuilder()
        .SetResourceBuilder(Resource(serviceName))
        .AddMeter(RuntimeMetrics.MeterName, ImportTelemetry.SourceName)
        .AddHttpClientInstrumentation();

    static MeterProvider Metrics(string serviceName, bool otlp, int? prometheusPort)
    {
        var builder = MeterSources(serviceName);
        if (otlp) builder.AddOtlpExporter();
        if (prometheusPort is { } port)
            builder.AddPrometheusHttpListener(prometheus =>
            {
                prometheus.Host = "*"; // every interface: Prometheus scrapes the pod IP
                prometheus.Port = port;
                prometheus.ScrapeEndpointPath = MetricsPath;
            });
        return builder.Build();
    }

    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over our default name.
    static ResourceBuilder Resource(string serviceName)
    {
        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME"))) resource.AddService(serviceName);
        return resource;
    }

    static bool HasParent(Activity? activity) => activity is not null && (activity.Parent is not null || activity.ParentSpanId != default);

    static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
    }
}
