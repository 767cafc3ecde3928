using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Informers;
using ImportOperator.Runtime.Leadership;
using ImportOperator.Runtime.Metrics;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImportOperator.Runtime.Manager;

/// <summary>
/// Runs informers (always, so caches stay warm on standby instances) and controllers (only while leading, when
/// leader election is configured). Exposes the readiness that /readyz reports.
/// </summary>
public sealed class ControllerManager(IKubernetes client, LeaderElectionOptions? leaderElection = null, RuntimeMetrics? metrics = null, ILoggerFactory? loggers = null)
{
    readonly List<IController> _controllers = [];
    readonly LeaderElection? _election = leaderElection is null ? null : new LeaderElection(client, leaderElection, loggers?.CreateLogger<LeaderElection>());
    volatile bool _running;

    public IKubernetes Client => client;
    public RuntimeMetrics? Metrics => metrics;
    public ILoggerFactory Loggers => loggers ?? NullLoggerFactory.Instance;

    public ControllerManager Add(IController controller)
    {
        _controllers.Add(controller);
        return this;
    }

    /// <summary>True while this instance runs its controllers (always true without leader election once started).</summary>
    public bool IsLeader => _election?.IsLeader ?? _running;

    public LeaderElection? Election => _election;

    /// <summary>Live: the manager loop runs. Ready: every informer has filled its cache.</summary>
    public bool IsLive => _running;
    public bool IsReady => _running && _controllers.All(c => c.Informers.All(i => i.HasSynced));

    public async Task RunAsync(CancellationToken ct)
    {
        if (metrics is not null) metrics.QueueDepthSource = () => _controllers.Sum(c => (long)c.QueueDepth);
        var informers = _controllers.SelectMany(c => c.Informers).Distinct().ToList();
        _running = true;
        try
        {
            var informerTasks = informers.Select(i => Task.Run(() => i.RunAsync(ct), CancellationToken.None)).ToList();
            Task leading;
            if (_election is null)
            {
                if (metrics is not null) metrics.IsLeader = true;
                leading = RunControllersAsync(ct);
            }
            else
            {
                if (metrics is not null) _election.LeadershipChanged += leader => metrics.IsLeader = leader;
                leading = _election.RunAsync(RunControllersAsync, ct);
            }
            await Task.WhenAll(informerTasks.Append(leading)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally
        {
            _running = false;
            if (metrics is not null) metrics.IsLeader = false;
        }
    }

    async Task RunControllersAsync(CancellationToken ct)
    {
        try { await Task.WhenAll(_controllers.Select(c => c.RunAsync(ct))).ConfigureAwait(false); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }
}
