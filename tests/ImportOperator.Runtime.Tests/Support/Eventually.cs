namespace ImportOperator.Runtime.Tests.Support;

/// <summary>Polls a condition until it holds or the time is up (then fails with the message).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string message, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#}s: {message}{(describe is null ? "" : " — " + describe())}");
            await Task.Delay(10);
        }
    }
}
