namespace ImportOperator.Runtime.Leadership;

/// <summary>
/// Lease-based leader election. Safety rests on RenewDeadline &lt; LeaseDuration: a leader that cannot renew stops
/// (cancelling its reconciles) before the lease can expire for anyone else.
/// </summary>
public sealed class LeaderElectionOptions
{
    public required string LeaseNamespace { get; init; }
    public required string LeaseName { get; init; }
    /// <summary>This instance's identity in the lease (defaults to host name plus a random suffix).</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
