using System.Diagnostics;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Leadership;
using ImportOperator.Runtime.Manager;
using ImportOperator.Runtime.Tests.Support;
using k8s;

namespace ImportOperator.Runtime.Tests.Controllers;

/// <summary>Two operator instances against one API server: one leads, the other takes over, never both at once.</summary>
[Collection(TimingSensitive.Name)]
public sealed class LeaderElectionTests
{
    static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(300);

    /// <summary>One operator process: its own client (which a test can cut off), informer, controller and manager.</summary>
    sealed class Instance : IAsyncDisposable
    {
        public readonly string Name;
        public readonly ControllerManager Manager;
        public readonly Partition Network = new();
        readonly IKubernetes _client;
        readonly CancellationTokenSource _cts = new();
        Task? _run;

        public Instance(ServerScope scope, string name, RecordingReconciler reconciler)
        {
            Name = name;
            _client = new Kubernetes(scope.Server.ClientConfiguration(), Network);
            var informer = new Informers.Informer<Widget>(new ResourceClient<Widget>(_client, Widget.Kind));
            var controller = new Controller<Widget>("widgets", informer, reconciler, new ControllerOptions { MaxConcurrentReconciles = 2 });
            Manager = new ControllerManager(_client, new LeaderElectionOptions
            {
                LeaseNamespace = "default",
                LeaseName = "widgets-operator",
                Identity = name,
                LeaseDuration = LeaseDuration,
                RenewDeadline = TimeSpan.FromSeconds(2),
                RetryPeriod = RetryPeriod,
            }).Add(controller);
        }

        public void Start() => _run = Manager.RunAsync(_cts.Token);

        /// <summary>Stops the instance abruptly: no lease release, as a crashed process.</summary>
        public async Task KillAsync()
        {
            _cts.Cancel();
            if (_run is not null) await _run;
        }

        public async ValueTask DisposeAsync()
        {
            await KillAsync();
            _client.Dispose();
        }
    }

    /// <summary>A network partition for one client: every request fails while cut.</summary>
    sealed class Partition : DelegatingHandler
    {
        public volatile bool Cut;
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Cut ? throw new HttpRequestException("network partition (test)") : base.SendAsync(request, ct);
    }

    /// <summary>Counts reconciles running in each instance and records any moment when both run.</summary>
    sealed class SplitBrainDetector
    {
        readonly int[] _active = new int[2];
        int _violations;
        public int Violations => Volatile.Read(ref _violations);
        public int[] Reconciles { get; } = new int[2];

        // Requeueing every 30 ms keeps a leader reconciling even with no events (e.g. when cut off from the API).
        public RecordingReconciler ReconcilerFor(int instance) => new(work: TimeSpan.FromMilliseconds(20))
        {
            Result = ReconcileResult.After(TimeSpan.FromMilliseconds(30)),
            Hook = async (_, ct) =>
            {
                Interlocked.Increment(ref _active[instance]);
                try
                {
                    if (Volatile.Read(ref _active[1 - instance]) > 0) Interlocked.Increment(ref _violations);
                    Interlocked.Increment(ref Reconciles[instance]);
                    await Task.Delay(10, ct);
                    if (Volatile.Read(ref _active[1 - instance]) > 0) Interlocked.Increment(ref _violations);
                }
                finally { Interlocked.Decrement(ref _active[instance]); }
            },
        };
    }

    static async Task KeepChangingAsync(ServerScope scope, CancellationToken ct)
    {
        for (int i = 2; !ct.IsCancellationRequested; i++)
        {
            try { await scope.SetSizeAsync($"le{i % 5}", i); await Task.Delay(25, ct); }
            catch (OperationCanceledException) { }
        }
    }

    [Fact]
    public async Task One_instance_leads_and_the_other_takes_over_within_the_lease_duration_when_it_is_killed()
    {
        await using var scope = await ServerScope.StartAsync();
        for (int i = 0; i < 5; i++) await scope.CreateWidgetAsync($"le{i}");
        var detector = new SplitBrainDetector();
        await using var a = new Instance(scope, "a", detector.ReconcilerFor(0));
        await using var b = new Instance(scope, "b", detector.ReconcilerFor(1));
        a.Start();
        await Eventually.TrueAsync(() => a.Manager.IsLeader, TimeSpan.FromSeconds(10), "a leads");
        b.Start();
        using var writes = new CancellationTokenSource();
        var writer = KeepChangingAsync(scope, writes.Token);
        await Task.Delay(1500);
        Assert.False(b.Manager.IsLeader);
        var reconcilesOfB = detector.Reconciles[1];

        var killed = Stopwatch.StartNew();
        await a.KillAsync();
        await Eventually.TrueAsync(() => b.Manager.IsLeader, TimeSpan.FromSeconds(10), "b takes over");
        var takeover = killed.Elapsed;
        await Eventually.TrueAsync(() => detector.Reconciles[1] > reconcilesOfB, TimeSpan.FromSeconds(5), "b reconciles");
        writes.Cancel();
        await writer;

        Assert.Equal(0, reconcilesOfB);
        // The new leader must see the lease unchanged for a full LeaseDuration, polling every RetryPeriod; 2 s covers
        // HTTP round trips and scheduling on a two-core CI machine running four test projects at once.
        Assert.True(takeover <= LeaseDuration + RetryPeriod * 2 + TimeSpan.FromSeconds(2), $"takeover took {takeover.TotalMilliseconds:0} ms");
        Assert.Equal(0, detector.Violations);
    }

    [Fact]
    public async Task A_leader_cut_off_from_the_API_stops_reconciling_before_the_other_starts()
    {
        await using var scope = await ServerScope.StartAsync();
        for (int i = 0; i < 5; i++) await scope.CreateWidgetAsync($"le{i}");
        var detector = new SplitBrainDetector();
        await using var a = new Instance(scope, "a", detector.ReconcilerFor(0));
        await using var b = new Instance(scope, "b", detector.ReconcilerFor(1));
        a.Start();
        await Eventually.TrueAsync(() => a.Manager.IsLeader, TimeSpan.FromSeconds(10), "a leads");
        b.Start();
        using var writes = new CancellationTokenSource();
        var writer = KeepChangingAsync(scope, writes.Token);
        await Eventually.TrueAsync(() => detector.Reconciles[0] >= 10, TimeSpan.FromSeconds(10), "a reconciles as the leader");

        // a keeps running but cannot renew: it must step down on its own before b's lease acquisition can succeed.
        var reconcilesOfA = detector.Reconciles[0];
        a.Network.Cut = true;
        await Eventually.TrueAsync(() => b.Manager.IsLeader, LeaseDuration * 3, "b takes over");
        // Enough of b's reconciles for any overlap with a late reconcile of a to be seen.
        var reconcilesOfBAtTakeover = detector.Reconciles[1];
        await Eventually.TrueAsync(() => detector.Reconciles[1] >= reconcilesOfBAtTakeover + 10, TimeSpan.FromSeconds(10), "b reconciles as the leader");
        writes.Cancel();
        await writer;

        Assert.False(a.Manager.IsLeader);
        Assert.True(reconcilesOfA >= 10);
        Assert.Equal(0, detector.Violations);
    }
}
