using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImportOperator.Runtime.Leadership;

/// <summary>
/// Runs <c>lead</c> only while this instance holds the Lease (k8s.LeaderElection with a LeaseLock). When the lease
/// is lost, the token given to <c>lead</c> is cancelled and this waits for it to return before trying to lead again,
/// so in-flight work has stopped before the lease can pass to another instance.
/// </summary>
public sealed partial class LeaderElection(IKubernetes client, LeaderElectionOptions options, ILogger? logger = null)
{
    readonly ILogger _logger = logger ?? NullLogger.Instance;
    volatile bool _isLeader;

    public bool IsLeader => _isLeader;
    public string Identity => options.Identity;

    /// <summary>Raised with true on gaining and false on losing leadership.</summary>
    public event Action<bool>? LeadershipChanged;

    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken ct)
    {
        var lease = new LeaseLock(client, options.LeaseNamespace, options.LeaseName, options.Identity);
        var config = new LeaderElectionConfig(lease)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        };
        while (!ct.IsCancellationRequested)
        {
            using var elector = new LeaderElector(config);
            using var term = CancellationTokenSource.CreateLinkedTokenSource(ct);
            Task? leading = null;
            elector.OnStartedLeading += () =>
            {
                _isLeader = true;
                LogStarted(_logger, options.Identity);
                LeadershipChanged?.Invoke(true);
                leading = Task.Run(() => lead(term.Token), CancellationToken.None);
            };
            elector.OnStoppedLeading += () =>
            {
                // Cancel first: the elector has given up renewing and the lease may soon pass to someone else.
                term.Cancel();
                _isLeader = false;
            };
            try { await elector.RunUntilLeadershipLostAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e) { LogElectionFailed(_logger, e.Message); }
            term.Cancel();
            _isLeader = false;
            if (leading is not null)
            {
                try { await leading.ConfigureAwait(false); }
                catch (OperationCanceledException) { }
                catch (Exception e) { LogLeadFailed(_logger, e); }
                LogStopped(_logger, options.Identity);
                LeadershipChanged?.Invoke(false);
            }
            if (!ct.IsCancellationRequested)
            {
                try { await Task.Delay(options.RetryPeriod, ct).ConfigureAwait(false); } catch (OperationCanceledException) { }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} became leader")]
    static partial void LogStarted(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} stopped leading")]
    static partial void LogStopped(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader election failed: {Reason}")]
    static partial void LogElectionFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The leader's work failed")]
    static partial void LogLeadFailed(ILogger logger, Exception exception);
}
