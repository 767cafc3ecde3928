using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ImportOperator.Runtime.Metrics;
using ImportOperator.Runtime.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ImportOperator.Telemetry;

/// <summary>
/// Where spans and metrics go. OTLP is configured entirely by the standard OTEL_* variables and only switched on
/// when an endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT, or the per-signal _TRACES_/_METRICS_ variants); the
/// Prometheus scrape endpoint (/metrics) is a small Kestrel app of its own (OpenTelemetry.Extensions.Hosting with
/// the ASP.NET Core Prometheus exporter). Disposing flushes what is pending (the worker's last metrics and spans
/// leave before it exits).
/// </summary>
public sealed class TelemetryExport : IAsyncDisposable
{
    public const string MetricsPath = "/metrics";

    TracerProvider? _tracer;
    MeterProvider? _meter;
    WebApplication? _metricsApp;

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
    public static async Task<TelemetryExport> ForOperatorAsync(bool otlp, int metricsPort, Action<int, Exception>? onMetricsPortError = null, CancellationToken ct = default)
    {
        var export = new TelemetryExport { Otlp = otlp && OtlpConfigured() };
        if (export.Otlp) export._tracer = Tracing(ImportTelemetry.OperatorServiceName).AddOtlpExporter().Build();
        if (metricsPort >= 0)
        {
            var app = PrometheusApp(ImportTelemetry.OperatorServiceName, export.Otlp, metricsPort);
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
                export._metricsApp = app;
                export.MetricsPort = BoundPort(app) ?? metricsPort;
            }
            catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
            {
                await app.DisposeAsync().ConfigureAwait(false);
                onMetricsPortError?.Invoke(metricsPort, e);
            }
        }
        if (export._metricsApp is null && export.Otlp)
            export._meter = ConfigureMeters(Sdk.CreateMeterProviderBuilder(), ImportTelemetry.OperatorServiceName).AddOtlpExporter().Build();
        return export;
    }

    /// <summary>The worker's export: OTLP only (it has no port anyone scrapes), when configured.</summary>
    public static TelemetryExport ForWorker()
    {
        var export = new TelemetryExport { Otlp = OtlpConfigured() };
        if (!export.Otlp) return export;
        export._tracer = Tracing(ImportTelemetry.WorkerServiceName).AddOtlpExporter().Build();
        export._meter = ConfigureMeters(Sdk.CreateMeterProviderBuilder(), ImportTelemetry.WorkerServiceName).AddOtlpExporter().Build();
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
    public static MeterProviderBuilder ConfigureMeters(MeterProviderBuilder builder, string serviceName) => builder
        .SetResourceBuilder(Resource(serviceName))
        .AddMeter(RuntimeMetrics.MeterName, ImportTelemetry.SourceName)
        .AddHttpClientInstrumentation();

    static WebApplication PrometheusApp(string serviceName, bool otlp, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Every interface: Prometheus scrapes the pod IP (as the kubelet probes the health port).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(port));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            ConfigureMeters(metrics, serviceName).AddPrometheusExporter();
            if (otlp) metrics.AddOtlpExporter();
        });
        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    static int? BoundPort(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is not null && Uri.TryCreate(address.Replace("[::]", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Port : null;
    }

    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over our default name.
    static ResourceBuilder Resource(string serviceName)
    {
        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME"))) resource.AddService(serviceName);
        return resource;
    }

    static bool HasParent(Activity? activity) => activity is not null && (activity.Parent is not null || activity.ParentSpanId != default);

    public async ValueTask DisposeAsync()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
        if (_metricsApp is not null) await _metricsApp.DisposeAsync().ConfigureAwait(false);
    }
}
