using System.Diagnostics;
using ImportOperator.Cli;
using ImportOperator.Telemetry;
using ImportOperator.Tests.Worker;
using ImportOperator.Worker;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ImportOperator.Tests.Telemetry;

/// <summary>
/// The worker in-process with the in-memory exporter: it continues the trace named by TRACEPARENT, with one span per
/// stage, and its counters equal the rows in metadata.json. (In the S3rver collection: no other in-process worker
/// adds to the counters meanwhile.)
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class WorkerTelemetryTests(S3rverFixture s3rver) : IAsyncLifetime
{
    private readonly WorkerHarness _harness = new(s3rver);

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task The_worker_continues_the_operators_trace_with_a_span_per_stage_and_counts_the_rows_of_metadata_json()
    {
        var request = _harness.RequestFrom(_harness.ManifestFile("""
            apiVersion: importoperator.io/v1alpha1
            kind: HeadlessImport
            metadata: {name: counted, namespace: telemetry}
            spec:
              originalFilename: people.csv
              fields:
                - {key: name, label: Name, validators: [{validate: required}]}
                - {key: email, label: Email, type: email}
              hooks:
                rowHooks: ["(record) => record"]
            """));
        var keys = await _harness.StoreAsync(request, "Name,Email\nAda,ada@example.com\n,nobody@example.com\nGrace,grace@example.com\nAlan,not-an-email\n"u8.ToArray());
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracer = TelemetryExport.Tracing(ImportTelemetry.WorkerServiceName).AddInMemoryExporter(spans).Build();
        using var meter = TelemetryExport.ConfigureMeters(Sdk.CreateMeterProviderBuilder(), ImportTelemetry.WorkerServiceName).AddInMemoryExporter(metrics).Build();
        var traceId = ActivityTraceId.CreateRandom();
        var reconcileSpan = ActivitySpanId.CreateRandom();

        var exitCode = await WorkerCommand.RunAsync(new WorkerInvocation
        {
            RequestKey = keys.Request,
            ScratchDirectory = _harness.ScratchDirectory,
            ConfigFile = _harness.ConfigFile,
            Output = new StringWriter(),
            Error = new StringWriter(),
            TerminationLogPath = _harness.TerminationLog,
            TraceParent = $"00-{traceId.ToHexString()}-{reconcileSpan.ToHexString()}-01",
        });
        tracer.ForceFlush();
        meter.ForceFlush();

        Assert.Equal(WorkerExitCodes.Committed, exitCode);
        var trace = spans.Where(s => s.TraceId == traceId).ToList();
        var worker = Assert.Single(trace, s => s.DisplayName == "worker");
        Assert.Equal(reconcileSpan, worker.ParentSpanId);
        Assert.Equal(request.Import.Metadata.Uid, worker.GetTagItem(ImportTelemetry.Attributes.Uid));
        var process = Assert.Single(trace, s => s.DisplayName == "process");
        foreach (var stage in new[] { "match", "read", "parse", "hooks", "validate", "write" })
        {
            var span = Assert.Single(trace, s => s.DisplayName == stage);
            Assert.Equal(process.SpanId, span.ParentSpanId);
            Assert.True((double)span.GetTagItem(ImportTelemetry.Attributes.StageBusy)! <= span.Duration.TotalSeconds + 0.001, $"{stage}: busy time within its window");
        }
        Assert.Single(trace, s => s.DisplayName == "download" && s.ParentSpanId == worker.SpanId);
        Assert.Single(trace, s => s.DisplayName == "commit" && s.ParentSpanId == worker.SpanId);
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.GetTagItem("http.request.method") is not null); // S3 calls go through HttpClient

        var metadata = await _harness.ReadMetadataAsync(keys);
        Assert.Equal((long)metadata["numDataRows"]!, Sum(metrics, "importoperator.worker.rows.processed"));
        Assert.Equal((long)metadata["numInvalidRows"]!, Sum(metrics, "importoperator.worker.rows.invalid"));
        Assert.Equal(4, Sum(metrics, "importoperator.worker.rows.processed"));
        Assert.Equal(2, Sum(metrics, "importoperator.worker.rows.invalid"));
        Assert.Contains(metrics, m => m.Name == "importoperator.worker.hook.duration");
    }

    /// <summary>The latest cumulative value of a counter, over its label sets.</summary>
    private static long Sum(List<Metric> metrics, string name)
    {
        var metric = metrics.Last(m => m.Name == name);
        long total = 0;
        foreach (ref readonly var point in metric.GetMetricPoints()) total += point.GetSumLong();
        return total;
    }
}
