namespace ImportOperator.Engine.Tests.Fuzz;

/// <summary>
/// The seed of this run's fuzzing: FUZZ_SEED when set (to replay a failure), else a new one per run. Every
/// failure message carries it, with the case number, so that any failure can be replayed exactly.
/// </summary>
internal static class FuzzSeed
{
    public const string Variable = "FUZZ_SEED";

    public static int Value { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(Variable), out var given) ? given : Random.Shared.Next();

    /// <summary>The generator of one case: the same seed and case always give the same input.</summary>
    public static Random ForCase(int caseNumber) => new(HashCode.Combine(Value, caseNumber));

    /// <summary>How to replay a failing case, for the start of a failure message.</summary>
    public static string Replay(int caseNumber) => $"[{Variable}={Value}, case {caseNumber}]";

    /// <summary>Runs <paramref name="cases"/> cases, each with its own generator; a failure names the seed and case.</summary>
    public static void Run(int cases, Action<Random, int> check)
    {
        for (var i = 0; i < cases; i++)
        {
            try
            {
                check(ForCase(i), i);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{Replay(i)} {e.GetType().Name}: {e.Message}", e);
            }
        }
    }
}
