using ImportOperator.Api.V1Alpha1;

namespace ImportOperator.Operator.Jobs;

/// <summary>
/// The processing Job's name is a function of the import alone (name + start of its uid), so every reconcile — on
/// any replica, after any restart — asks for the same Job, and a second one can never be created: the API answers
/// 409 AlreadyExists instead. The uid part keeps a re-created import with the same name apart from its predecessor.
/// </summary>
public static class ProcessingJobNames
{
    // Jobs label their pods with job-name=<name>: a label value is at most 63 characters.
    private const int MaxLength = 63;
    private const int UidLength = 8;

    /// <summary>A split import's Indexed Job (one pod per chunk) ends with this.</summary>
    public const string ChunksSuffix = "-chunks";

    /// <summary>A split import's merge Job ends with this.</summary>
    public const string MergeSuffix = "-merge";

    public static string For(HeadlessImport import) => For(import.Metadata.Name, import.Metadata.Uid);

    public static string For(string importName, string uid) => Named(importName, uid, "");

    /// <summary>The Indexed Job that processes a split import's chunks: <c>&lt;name&gt;-&lt;uid8&gt;-chunks</c>.</summary>
    public static string Chunks(HeadlessImport import) => Named(import.Metadata.Name, import.Metadata.Uid, ChunksSuffix);

    /// <summary>The Job that merges a split import's chunks and commits its results: <c>&lt;name&gt;-&lt;uid8&gt;-merge</c>.</summary>
    public static string Merge(HeadlessImport import) => Named(import.Metadata.Name, import.Metadata.Uid, MergeSuffix);

    /// <summary>Every Job one import can have, processing Job first.</summary>
    public static IReadOnlyList<string> All(HeadlessImport import) => [For(import), Chunks(import), Merge(import)];

    static string Named(string importName, string uid, string step)
    {
        var suffix = "-" + uid.Replace("-", "", StringComparison.Ordinal)[..UidLength].ToLowerInvariant() + step;
        // An Indexed Job's pods are named <job>-<index>-<random>, and their hostname <job>-<index> must stay a DNS
        // label too; the 63-character cap on the job-name label is the tighter rule for the names used here.
        var stem = importName.Length + suffix.Length > MaxLength ? importName[..(MaxLength - suffix.Length)].TrimEnd('-', '.') : importName;
        return stem + suffix;
    }
}
