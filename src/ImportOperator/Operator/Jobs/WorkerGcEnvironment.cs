namespace ImportOperator.Operator.Jobs;

/// <summary>
/// The .NET garbage collector settings every processing pod gets unless the operator's worker environment
/// (Helm <c>worker.env</c>) sets the same variable. They can only be given as environment variables (the gen-0
/// budget is not read from runtimeconfig.json), so the Job carries them.
/// </summary>
/// <remarks>
/// Measured with bench/bench.py on the 1,000,000-row benchmark file (docs/performance.md, Memory): on nodes that do
/// not report their CPU caches (common on VMs) .NET falls back to a ~2 MB gen-0 budget, so rows in flight outlive
/// collections and the heap grows. A 32 MB budget with background collection took the peak without unique validators
/// from ~210 MB to ~125 MB at 19 % less CPU, and with unique from ~227 MB to ~133 MB at 9 % less CPU. Background
/// collection alone cut the peak as far but cost 40–50 % more CPU, which is why the executable does not turn it on
/// for every verb.
/// </remarks>
public static class WorkerGcEnvironment
{
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Defaults =
    [
        new("DOTNET_gcConcurrent", "1"),
        new("DOTNET_GCgen0size", "0x2000000"),
    ];
}
