using ImportOperator.Api.V1Alpha1;
using ImportOperator.Operator.Jobs;
using k8s.Models;

namespace ImportOperator.Cli.Import;

/// <summary>
/// The processing pod's log, read through the API (pods/log) like <c>kubectl logs</c>: the import's Job is named
/// by <see cref="ProcessingJobNames"/> and its pods carry <c>job-name=&lt;job&gt;</c>; each pod is one attempt.
/// </summary>
public static class ProcessingLog
{
    private const string ProgressPrefix = "progress: ";

    public static string JobNameOf(HeadlessImport import) => ProcessingJobNames.For(import);

    public static async Task<IReadOnlyList<V1Pod>> PodsAsync(ImportCluster cluster, HeadlessImport import, CancellationToken ct) =>
        import.Metadata.Uid is null ? [] : await cluster.PodsOfJobAsync(JobNameOf(import), ct);

    public static async Task<string> ReadAsync(ImportCluster cluster, V1Pod pod, CancellationToken ct)
    {
        await using var stream = await cluster.PodLogAsync(pod.Metadata.Name, ct);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>The worker's last progress line (e.g. "12,000 rows processed, 40.0% of 1,048,576 bytes read"), or null.</summary>
    public static async Task<string?> LatestProgressAsync(ImportCluster cluster, HeadlessImport import, CancellationToken ct)
    {
        var pods = await PodsAsync(cluster, import, ct);
        if (pods.Count == 0) return null;
        var log = await ReadAsync(cluster, pods[^1], ct);
        var line = log.Split('\n').LastOrDefault(l => l.Contains(ProgressPrefix, StringComparison.Ordinal));
        return line is null ? null : line[(line.IndexOf(ProgressPrefix, StringComparison.Ordinal) + ProgressPrefix.Length)..].Trim();
    }
}
