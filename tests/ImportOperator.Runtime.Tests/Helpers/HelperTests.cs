using System.Diagnostics.Metrics;
using System.Net;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Health;
using ImportOperator.Runtime.Helpers;
using ImportOperator.Runtime.Informers;
using ImportOperator.Runtime.Manager;
using ImportOperator.Runtime.Metrics;
using ImportOperator.Runtime.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImportOperator.Runtime.Tests.HelperChecks;

public sealed class HelperTests : IAsyncLifetime
{
    ServerScope _scope = null!;
    public async Task InitializeAsync() => _scope = await ServerScope.StartAsync();
    public async Task DisposeAsync() => await _scope.DisposeAsync();

    [Fact]
    public async Task A_finalizer_holds_deletion_until_it_is_removed()
    {
        var widget = await _scope.CreateWidgetAsync("held");
        widget = await Finalizers.AddAsync(_scope.Widgets, widget, "test.example.com/cleanup", default);
        widget = await Finalizers.AddAsync(_scope.Widgets, widget, "test.example.com/cleanup", default);
        Assert.Equal(["test.example.com/cleanup"], widget.Metadata.Finalizers);

        await _scope.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Widget.Kind.Group, Widget.Kind.Version, "default", Widget.Kind.Plural, "held");
        var deleting = await _scope.Widgets.GetAsync(new("default", "held"), default);
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);

        await Finalizers.RemoveAsync(_scope.Widgets, deleting, "test.example.com/cleanup", default);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => _scope.Widgets.GetAsync(new("default", "held"), default));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    [Fact]
    public async Task A_status_write_from_a_stale_copy_retries_on_conflict_and_recomputes_from_the_fresh_object()
    {
        var stale = await _scope.CreateWidgetAsync("racy");
        await _scope.SetSizeAsync("racy", 8); // someone else writes in between

        var written = await StatusWriter.PatchStatusAsync(_scope.Widgets, stale, current => new WidgetStatus { Phase = "Ready", ObservedGeneration = current.Metadata.Generation ?? 0 }, default);

        Assert.Equal(2, written.Status!.ObservedGeneration);
        Assert.Equal(8, written.Spec!.Size);
    }

    [Fact]
    public async Task Repeated_events_are_folded_into_one_with_a_count()
    {
        var widget = await _scope.CreateWidgetAsync("noisy");
        var recorder = new EventRecorder(_scope.Client, "test-operator");
        for (int i = 0; i < 3; i++) await recorder.RecordAsync(widget, EventRecorder.Warning, "Failed", "could not reach storage");
        await recorder.RecordAsync(widget, EventRecorder.Normal, "Ready", "all good");

        var events = await _scope.Client.CoreV1.ListNamespacedEventAsync("default");
        Assert.Equal(2, events.Items.Count);
        var failed = Assert.Single(events.Items, e => e.Reason == "Failed");
        Assert.Equal(3, failed.Count);
        Assert.Equal("noisy", failed.InvolvedObject.Name);
    }

    [Fact]
    public async Task Health_endpoints_report_live_and_ready_only_once_caches_are_filled()
    {
        var informer = _scope.WidgetInformer();
        var manager = new ControllerManager(_scope.Client).Add(new Controller<Widget>("health", informer, new RecordingReconciler()));
        await using var health = new HealthServer("127.0.0.1", 0, () => manager.IsLive, () => manager.IsReady);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{health.Port}") };

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
        using var cts = new CancellationTokenSource();
        var run = manager.RunAsync(cts.Token);
        await informer.Synced;
        await Eventually.TrueAsync(() => manager.IsReady, TimeSpan.FromSeconds(5), "ready");

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        cts.Cancel();
        await run;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Reconciles_and_queue_activity_are_measured()
    {
        using var metrics = new RuntimeMetrics();
        var measured = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter == GetMeter(metrics)) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => { lock (measured) measured[i.Name] = measured.GetValueOrDefault(i.Name) + v; });
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => { lock (measured) measured[i.Name] = measured.GetValueOrDefault(i.Name) + 1; });
        listener.SetMeasurementEventCallback<int>((i, v, _, _) => { lock (measured) measured[i.Name] = v; });
        listener.Start();

        await _scope.CreateWidgetAsync("m1");
        await _scope.CreateWidgetAsync("m2");
        var informer = new Informer<Widget>(_scope.Widgets, metrics: metrics);
        var reconciler = new RecordingReconciler();
        var manager = new ControllerManager(_scope.Client, metrics: metrics).Add(new Controller<Widget>("metered", informer, reconciler, metrics: metrics));
        using var cts = new CancellationTokenSource();
        var run = manager.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => reconciler.Total >= 2, TimeSpan.FromSeconds(10), "two reconciles");
        listener.RecordObservableInstruments();
        cts.Cancel();
        await run;

        lock (measured)
        {
            Assert.Equal(2, measured["controller_runtime_reconcile_total"]);
            Assert.Equal(2, measured["workqueue_adds_total"]);
            Assert.Equal(2, measured["controller_runtime_reconcile_time_seconds"]);
            Assert.Equal(1, measured["informer_relists_total"]);
            Assert.Equal(1, measured["leader_election_master_status"]);
        }
    }

    static Meter GetMeter(RuntimeMetrics metrics) => metrics.ReconcileTotal.Meter;
}
