namespace ImportOperator.Runtime.Tests.Support;

/// <summary>
/// Tests that assert on delays (lease takeover, backoff growth) run alone, not next to the CPU-heavy burst tests of
/// other classes, so a busy machine does not make them flaky.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
