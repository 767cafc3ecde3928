using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Telemetry;
using ImportOperator.Tests.Operator.Support;

namespace ImportOperator.Tests.Telemetry;

/// <summary>
/// Telemetry as an operations team meets it, against the real operator and worker processes: one trace per import
/// across both processes, counters that agree with metadata.json, a Prometheus endpoint that lists the metrics, and
/// progress in status while an import runs.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class TelemetryEndToEndTests(TelemetryEnvironment env) : IClassFixture<TelemetryEnvironment>
{
    static readonly string[] WorkerStages = ["worker", "download", "process", "match", "read", "parse", "hooks", "validate", "write", "commit"];

    [Fact]
    public async Task One_import_is_one_trace_from_the_operator_through_the_worker_stages_and_the_worker_counts_its_rows()
    {
        var ns = await env.NewNamespaceAsync();
        var import = Samples.People(ns, "traced", hooks: new HookDefinitions { RowHooks = ["(record) => record"] });
        await env.CreateAsync(import);
        var waiting = await env.WaitAsync(ns, "traced", i => i.Status?.Upload is not null, "AWAITING_UPLOAD with an upload URL");
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, Samples.PeopleCsv(("Ada", "ada@example.com"), ("", "nobody@example.com"), ("Grace", "grace@example.com")));
        var done = await env.WaitAsync(ns, "traced", i => i.Status?.Phase == ImportPhases.Successful, "SUCCESSFUL");
        var metadata = JsonNode.Parse(await OperatorEnvironment.DownloadAsync(done.Status!.Result!.MetadataUrl!))!;

        var traceParent = done.Metadata.Annotations![ImportTraceContext.Annotation];
        var traceId = traceParent.Split('-')[1];
        var spans = await TelemetryEnvironment.EventuallyAsync(() =>
        {
            var inTrace = env.Receiver.Spans.Where(s => s.TraceId == traceId).ToList();
            var names = inTrace.Where(s => s.Service == ImportTelemetry.WorkerServiceName).Select(s => s.Name).ToHashSet();
            return WorkerStages.All(names.Contains) && inTrace.Any(s => s.Service == ImportTelemetry.OperatorServiceName && s.Attributes.GetValueOrDefault("controller.reconcile.result") is not null)
                ? inTrace : null;
        }, $"the worker's stage spans ({string.Join(", ", WorkerStages)}) and the operator's reconciles in trace {traceId}");

        var reconciles = spans.Where(s => s.Service == ImportTelemetry.OperatorServiceName && s.Name == "reconcile headlessimport").ToList();
        Assert.True(reconciles.Count >= 3, $"reconciles from apply to SUCCESSFUL: {reconciles.Count}");
        Assert.All(reconciles, r => Assert.Equal(ns, r.Attributes["k8s.namespace.name"]));
        Assert.All(reconciles, r => Assert.Equal(done.Metadata.Uid, r.Attributes[ImportTelemetry.Attributes.Uid]));
        var worker = Assert.Single(spans, s => s.Name == "worker");
        Assert.Contains(reconciles, r => r.SpanId == worker.ParentSpanId); // the reconcile that created the Job
        var process = Assert.Single(spans, s => s.Name == "process");
        Assert.All(spans.Where(s => s.Name is "match" or "read" or "parse" or "hooks" or "validate" or "write"), s => Assert.Equal(process.SpanId, s.ParentSpanId));
        Assert.Contains(spans, s => s.Service == ImportTelemetry.WorkerServiceName && s.Attributes.ContainsKey("http.request.method")); // S3 calls

        var rows = (long)metadata["numDataRows"]!;
        var invalid = (long)metadata["numInvalidRows"]!;
        Assert.Equal(3, rows);
        Assert.Equal(1, invalid);
        var workerSums = await TelemetryEnvironment.EventuallyAsync(() =>
        {
            var mine = env.Receiver.Sums.Where(s => s.Resource.GetValueOrDefault(ImportTelemetry.Attributes.Uid) == done.Metadata.Uid).ToList();
            return mine.Any(s => s.Name == "importoperator.worker.rows.processed") ? mine : null;
        }, "the worker's row counters");
        // Cumulative sums: each export repeats the total so far, so the last (largest) is the worker's count.
        Assert.Equal(rows, workerSums.Where(s => s.Name == "importoperator.worker.rows.processed").Max(s => s.Value));
        Assert.Equal(invalid, workerSums.Where(s => s.Name == "importoperator.worker.rows.invalid").Max(s => s.Value));
        Assert.Equal(done.Status.ResultMetadata!.NumDataRows, rows);
    }

    [Fact]
    public async Task The_prometheus_endpoint_lists_runtime_and_import_metrics_and_counts_the_rows_of_finished_imports()
    {
        var ns = await env.NewNamespaceAsync();
        var import = Samples.People(ns, "scraped");
        import.Spec.OriginalFilename = null;
        import.Spec.InitialData = [.. Enumerable.Range(0, 7).Select(i => new JsonObject { ["name"] = $"Person {i}", ["email"] = $"p{i}@example.com" })];
        await env.CreateAsync(import);
        var done = await env.WaitAsync(ns, "scraped", i => i.Status?.Phase == ImportPhases.Successful, "SUCCESSFUL");
        Assert.Equal(7, done.Status!.ResultMetadata!.NumDataRows);

        using var http = new HttpClient();
        var url = $"http://127.0.0.1:{env.MetricsPort}{TelemetryExport.MetricsPath}";
        string scrape = "";
        await TelemetryEnvironment.EventuallyAsync(async () =>
        {
            try { scrape = await http.GetStringAsync(url); }
            catch (HttpRequestException) { return null; } // not listening yet
            return Value(scrape, "importoperator_import_rows_processed_total") >= 7 ? scrape : null;
        }, $"importoperator_import_rows_processed_total of at least 7 rows at {url}; operator log:\n{string.Join("\n", env.Operator.Log.Split('\n').TakeLast(30))}");

        foreach (var metric in new[]
        {
            "controller_runtime_reconcile_total", "controller_runtime_reconcile_time_seconds_bucket",
            "workqueue_adds_total", "workqueue_depth", "workqueue_queue_duration_seconds_bucket", "leader_election_master_status",
            "importoperator_imports", "importoperator_import_verdicts_total", "importoperator_import_rows_processed_total",
            "importoperator_import_rows_invalid_total", "importoperator_import_duration_seconds_bucket",
        })
            Assert.Contains("\n" + metric + "{", "\n" + scrape);
        Assert.Contains(scrape.Split('\n'), line => line.StartsWith("importoperator_imports{", StringComparison.Ordinal) && line.Contains("importoperator_import_phase=\"SUCCESSFUL\"", StringComparison.Ordinal));
        Assert.Contains(scrape.Split('\n'), line => line.StartsWith("leader_election_master_status{", StringComparison.Ordinal) && line[(line.LastIndexOf('}') + 1)..].Trim().StartsWith('1'));

        // Reconcile times use controller-runtime's buckets (5 ms … 60 s), so histogram_quantile can tell a 20 ms
        // reconcile from a 4 s one: OpenTelemetry's default buckets (0, 5, 10 … made for milliseconds) put all in le="5".
        var reconcileBuckets = scrape.Split('\n').Where(l => l.StartsWith("controller_runtime_reconcile_time_seconds_bucket{", StringComparison.Ordinal)).ToList();
        Assert.Contains(reconcileBuckets, l => l.Contains("le=\"0.005\"", StringComparison.Ordinal));
        Assert.Contains(reconcileBuckets, l => l.Contains("le=\"60\"", StringComparison.Ordinal));
        Assert.DoesNotContain(reconcileBuckets, l => l.Contains("le=\"10000\"", StringComparison.Ordinal));
        Assert.Contains(reconcileBuckets, l => l.Contains("le=\"0.5\"", StringComparison.Ordinal) && double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task A_running_import_shows_its_progress_in_status_and_the_verdict_replaces_it()
    {
        var ns = await env.NewNamespaceAsync();
        // About a millisecond of hook work per row: long enough to be seen RUNNING across several progress writes.
        var import = Samples.People(ns, "slow", hooks: new HookDefinitions
        {
            RowHooks = ["(record) => { const until = Date.now() + 1; while (Date.now() < until) { } return record; }"],
        });
        import.Spec.Settings = new ImportSettings { MaxFileSize = 100_000_000 };
        await env.CreateAsync(import);
        var waiting = await env.WaitAsync(ns, "slow", i => i.Status?.Upload is not null, "AWAITING_UPLOAD with an upload URL");
        const int rowCount = 12_000;
        var csv = new StringBuilder("Name,Email\n");
        for (var i = 0; i < rowCount; i++) csv.Append(CultureInfo.InvariantCulture, $"Person {i},p{i}@example.com\n");
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, Encoding.UTF8.GetBytes(csv.ToString()));

        var running = await env.WaitAsync(ns, "slow", i => i.Status?.Phase == ImportPhases.Successful || i.Status?.Progress is { RowsProcessed: > 0 },
            "RUNNING with status.progress", TimeSpan.FromMinutes(3));
        Assert.Equal(ImportPhases.Running, running.Status!.Phase);
        var progress = running.Status.Progress!;
        Assert.InRange(progress.RowsProcessed, 1, rowCount - 1);
        Assert.Equal(csv.Length, progress.TotalBytes);
        // Percent of the input read: the reader runs ahead of the rows it hands on, so it can reach 100 first.
        Assert.InRange(progress.Percent!.Value, 0, 100);
        Assert.InRange(progress.BytesRead, 1, progress.TotalBytes!.Value);
        Assert.NotNull(progress.UpdatedAt);

        var done = await env.WaitAsync(ns, "slow", i => i.Status?.Phase == ImportPhases.Successful, "SUCCESSFUL", TimeSpan.FromMinutes(5));
        Assert.Null(done.Status!.Progress);
        Assert.Equal(rowCount, done.Status.ResultMetadata!.NumDataRows);
    }

    /// <summary>The sum of a metric's samples over all its label sets (a line is <c>name{labels} value [timestamp]</c>).</summary>
    static double Value(string scrape, string metric) => scrape.Split('\n')
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
}
