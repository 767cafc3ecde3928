namespace ImportOperator.Worker;

/// <summary>
/// A private folder for one run: the downloaded input (the engine opens it more than once, and XLSX needs seeking,
/// so it is a file rather than the storage stream) and the results before upload. Deleted when disposed.
/// </summary>
internal sealed class ScratchSpace : IDisposable
{
    private ScratchSpace(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>Where the input object is downloaded to.</summary>
    public string InputPath => Path.Combine(Folder, "input");

    /// <summary>Where the engine writes data.json, metadata.json and its temporary files.</summary>
    public string OutputDirectory => Path.Combine(Folder, "results");

    /// <param name="parent">The --scratch folder, or null for the temp folder (the Job's emptyDir at /tmp).</param>
    public static ScratchSpace Create(string? parent)
    {
        var root = string.IsNullOrWhiteSpace(parent) ? Path.GetTempPath() : Path.GetFullPath(parent);
        var folder = Path.Combine(root, "import-worker-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(folder);
            Directory.CreateDirectory(Path.Combine(folder, "results"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only root file system without the emptyDir is a Job spec problem: no retry fixes it.
            throw WorkerFailure.Permanent($"The scratch folder '{root}' is not writable ({e.Message}): mount a writable volume there (the Job's emptyDir at /tmp) or pass --scratch.", e);
        }
        return new ScratchSpace(folder);
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The pod's emptyDir goes with the pod; a leftover here must not turn a committed import into a failure.
        }
    }
}
