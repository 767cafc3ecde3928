namespace ImportOperator.Notifications;

/// <summary>
/// How often and how long the operator retries a webhook that failed with a retryable error: exponential backoff
/// from <see cref="InitialDelay"/> doubling up to <see cref="MaxDelay"/>, each delay spread by ±<see cref="Jitter"/>
/// so that many imports failing together (a receiver outage) do not retry in lockstep. With the defaults the
/// attempts span about 30 minutes.
/// </summary>
public sealed class WebhookRetryPolicy
{
    public static WebhookRetryPolicy Default { get; } = new();

    /// <summary>Attempts in all, the first included (default 10).</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The delay before the second attempt (default 5 s).</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between attempts, jitter included (default 10 min).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The fraction a delay is randomly moved by, up or down (default 0.2).</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>
    /// The delay to wait before attempt number <paramref name="attempt"/> (1-based: 1 is the first attempt, which
    /// has no delay; 2 waits about <see cref="InitialDelay"/>, 3 about twice that, ...).
    /// </summary>
    public TimeSpan DelayBefore(int attempt) => DelayBefore(attempt, Random.Shared.NextDouble());

    /// <summary>
    /// Whether to try again after <paramref name="attemptsMade"/> attempts ended in <paramref name="last"/>: only a
    /// retryable failure, and only while attempts remain.
    /// </summary>
    public bool ShouldRetry(int attemptsMade, WebhookDelivery last) =>
        !last.Delivered && last.Retryable && attemptsMade < MaxAttempts;

    /// <summary><see cref="DelayBefore(int)"/> with the random draw given (0 ≤ unitRandom &lt; 1), for tests.</summary>
    internal TimeSpan DelayBefore(int attempt, double unitRandom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (attempt == 1) return TimeSpan.Zero;
        // Doubling 2^(attempt-2) overflows long before the cap matters; clamp the exponent.
        var exponent = Math.Min(attempt - 2, 30);
        var baseSeconds = Math.Min(InitialDelay.TotalSeconds * Math.Pow(2, exponent), MaxDelay.TotalSeconds);
        var spread = 1 + Jitter * (2 * unitRandom - 1);
        var seconds = Math.Min(baseSeconds * spread, MaxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Max(seconds, 0));
    }
}
