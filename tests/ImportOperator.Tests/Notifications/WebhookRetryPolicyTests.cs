using ImportOperator.Notifications;

namespace ImportOperator.Tests.Notifications;

public sealed class WebhookRetryPolicyTests
{
    private static readonly WebhookRetryPolicy Policy = new();

    [Fact]
    public void The_first_attempt_is_immediate() => Assert.Equal(TimeSpan.Zero, Policy.DelayBefore(1));

    [Theory]
    [InlineData(2, 5)]
    [InlineData(3, 10)]
    [InlineData(4, 20)]
    [InlineData(8, 320)]
    public void Without_jitter_the_delay_doubles_from_five_seconds(int attempt, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Policy.DelayBefore(attempt, unitRandom: 0.5));

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(1000)]
    public void Delays_never_exceed_ten_minutes_even_with_jitter(int attempt) =>
        Assert.Equal(TimeSpan.FromMinutes(10), Policy.DelayBefore(attempt, unitRandom: 0.999));

    [Fact]
    public void Jitter_spreads_a_delay_by_at_most_a_fifth_either_way()
    {
        Assert.Equal(TimeSpan.FromSeconds(8), Policy.DelayBefore(3, unitRandom: 0));
        for (var i = 0; i < 200; i++)
        {
            var delay = Policy.DelayBefore(3);
            Assert.InRange(delay, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12));
        }
    }

    [Fact]
    public void Retries_stop_after_the_last_attempt_and_never_follow_a_permanent_failure()
    {
        var retryable = new WebhookDelivery(false, true, 503, "down");
        var permanent = new WebhookDelivery(false, false, 400, "bad");

        Assert.True(Policy.ShouldRetry(1, retryable));
        Assert.True(Policy.ShouldRetry(9, retryable));
        Assert.False(Policy.ShouldRetry(10, retryable));
        Assert.False(Policy.ShouldRetry(1, permanent));
        Assert.False(Policy.ShouldRetry(1, new WebhookDelivery(true, false, 200, null)));
    }
}
