namespace ImportOperator.TestApiServer.Jobs;

/// <summary>
/// Infrastructure trouble the local Job runner plays instead of running a Pod's process, so tests can see how the
/// operator reports it. Each shows the Pod and Job status a real cluster shows for it.
/// </summary>
public abstract record PodFault
{
    PodFault() { }

    /// <summary>The container is killed for exceeding its memory limit: exit code 137, reason OOMKilled; the Pod fails (a counted failure).</summary>
    public static PodFault OomKilled { get; } = new OomKilledFault();

    /// <summary>The kubelet evicts the Pod under memory pressure: Pod Failed with reason Evicted and a DisruptionTarget condition.</summary>
    public static PodFault Evicted { get; } = new EvictedFault();

    /// <summary>The image cannot be pulled: the Pod stays Pending (waiting, ImagePullBackOff) and the Job active, until it is deleted or its deadline passes.</summary>
    public static PodFault ImagePullBackOff { get; } = new ImagePullBackOffFault();

    /// <summary>The container prints <paramref name="logLine"/> and exits with <paramref name="exitCode"/> without running the real command.</summary>
    public static PodFault ExitCode(int exitCode, string? logLine = null) =>
        new ExitCodeFault(exitCode, logLine ?? $"injected fault: exit code {exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    internal sealed record OomKilledFault : PodFault;
    internal sealed record EvictedFault : PodFault;
    internal sealed record ImagePullBackOffFault : PodFault;
    internal sealed record ExitCodeFault(int Code, string LogLine) : PodFault;

    /// <summary>The test's chooser threw: the Pod fails to start with that message, so the mistake is visible.</summary>
    internal sealed record FaultChooserError(string Message) : PodFault;
}
