using ImportOperator.Runtime.Queue;

namespace ImportOperator.Runtime.Tests.Queue;

public sealed class WorkQueueTests
{
    static async Task<string> TakeAsync(WorkQueue<string> queue)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var (ok, key) = await queue.GetAsync(timeout.Token);
        Assert.True(ok, "a key was available");
        return key;
    }

    [Fact]
    public async Task A_key_added_many_times_is_queued_once()
    {
        using var queue = new WorkQueue<string>("test");
        for (int i = 0; i < 10; i++) queue.Add("a");
        queue.Add("b");

        Assert.Equal(2, queue.Depth);
        Assert.Equal("a", await TakeAsync(queue));
        Assert.Equal("b", await TakeAsync(queue));
    }

    [Fact]
    public async Task A_key_added_while_processing_waits_until_done_and_then_comes_back_once()
    {
        using var queue = new WorkQueue<string>("test");
        queue.Add("a");
        var first = await TakeAsync(queue);
        queue.Add("a");
        queue.Add("a");

        using var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var (gotWhileProcessing, _) = await queue.GetAsync(shortWait.Token);
        Assert.False(gotWhileProcessing); // Never handed to a second worker while the first holds it.

        queue.Done(first);
        Assert.Equal("a", await TakeAsync(queue));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task AddAfter_delivers_the_key_only_after_the_delay()
    {
        using var queue = new WorkQueue<string>("test");
        var started = DateTime.UtcNow;
        queue.AddAfter("later", TimeSpan.FromMilliseconds(150));

        Assert.Equal("later", await TakeAsync(queue));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(140));
    }

    [Fact]
    public async Task Shutdown_releases_waiting_workers()
    {
        var queue = new WorkQueue<string>("test");
        var waiting = queue.GetAsync(CancellationToken.None);
        queue.ShutDown();
        var (ok, _) = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(ok);
        queue.Dispose();
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(5, 80)]
    [InlineData(11, 5120)]
    [InlineData(40, 1_000_000)]
    public void Per_key_backoff_doubles_from_5_ms_up_to_1000_s(int failures, double expectedMs)
    {
        var limiter = new RateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000), tokensPerSecond: 1e9, burst: int.MaxValue);
        TimeSpan delay = default;
        for (int i = 0; i < failures; i++) delay = limiter.When("key");
        Assert.Equal(expectedMs, delay.TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void Forget_resets_a_keys_backoff_without_touching_others()
    {
        var limiter = RateLimiter<string>.Default();
        for (int i = 0; i < 5; i++) { limiter.When("a"); limiter.When("b"); }
        limiter.Forget("a");

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(5, limiter.Failures("b"));
    }

    [Fact]
    public void The_overall_bucket_spaces_retries_once_the_burst_is_spent()
    {
        var limiter = new RateLimiter<int>(TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1), tokensPerSecond: 10, burst: 5);
        var delays = Enumerable.Range(0, 8).Select(limiter.When).ToArray();

        Assert.All(delays[..5], d => Assert.True(d <= TimeSpan.FromMilliseconds(1)));
        Assert.True(delays[7] >= TimeSpan.FromMilliseconds(250), $"8th retry waited {delays[7].TotalMilliseconds} ms");
    }
}
