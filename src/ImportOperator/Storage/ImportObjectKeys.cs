namespace ImportOperator.Storage;

/// <summary>
/// The object keys of one import: <c>&lt;namespace&gt;/&lt;name&gt;/&lt;uid&gt;/input/&lt;originalFilename&gt;</c> and
/// <c>&lt;namespace&gt;/&lt;name&gt;/&lt;uid&gt;/results/{data,metadata,summary}.json</c>. The uid keeps a re-created
/// import with the same name apart from its predecessor; the namespace keeps same-named imports apart.
/// </summary>
public sealed record ImportObjectKeys
{
    public const string DataFileName = "data.json";
    public const string MetadataFileName = "metadata.json";
    public const string SummaryFileName = "summary.json";

    private ImportObjectKeys(string prefix, string input)
    {
        Prefix = prefix;
        Input = input;
    }

    /// <summary>Everything of this import lives under this prefix (ends with '/'); delete it to clean up.</summary>
    public string Prefix { get; }

    /// <summary>The key the uploaded (or <c>initialData</c>) file is stored under.</summary>
    public string Input { get; }

    /// <summary>The resolved import the operator hands to the processing Job (<c>WorkerRequest</c>), frozen at PENDING.</summary>
    public string Request => Prefix + "request.json";

    public string ResultsPrefix => Prefix + "results/";
    public string Data => ResultsPrefix + DataFileName;
    public string Metadata => ResultsPrefix + MetadataFileName;

    /// <summary>The worker's progress while it runs (rows processed, bytes read), rewritten every few seconds.</summary>
    public string Progress => ResultsPrefix + "progress.json";

    /// <summary>Written last: its presence is what makes a set of results complete.</summary>
    public string Summary => ResultsPrefix + SummaryFileName;

    /// <summary>
    /// A split import's hand-over objects (large files processed as an Indexed Job, one pod per chunk): the plan the
    /// processing Job writes, and one rows file per chunk for the merge. Under the import's prefix, so the import's
    /// clean-up removes them; the merge worker deletes them once the results are committed (they can be as large as
    /// the input).
    /// </summary>
    public string SplitPrefix => Prefix + "split/";

    /// <summary>The split plan (chunk boundaries), written by the processing Job when it splits the file.</summary>
    public string SplitPlan => SplitPrefix + "plan.json";

    /// <summary>
    /// When the processing Job started a split import (written beside the plan), so that the merge's summary spans
    /// the whole processing, not the merge step alone.
    /// </summary>
    public string SplitStarted => SplitPrefix + "started.json";

    /// <summary>The rows of chunk <paramref name="index"/> (0-based), written by that chunk's pod.</summary>
    public string Chunk(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return SplitPrefix + "chunk-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".rows";
    }

    /// <summary>The prefix shared by every import of one namespace; what the upload scanner lists.</summary>
    public static string NamespacePrefix(string @namespace) => CheckSegment(@namespace, "namespace") + "/";

    /// <exception cref="ArgumentException">A segment is empty or could escape its prefix.</exception>
    public static ImportObjectKeys For(string @namespace, string name, string uid, string originalFileName)
    {
        var prefix = $"{CheckSegment(@namespace, "namespace")}/{CheckSegment(name, "name")}/{CheckSegment(uid, "uid")}/";
        return new ImportObjectKeys(prefix, prefix + "input/" + CheckFileName(originalFileName));
    }

    // Kubernetes already restricts namespace, name and uid, but the keys must stay safe whoever builds them.
    private static string CheckSegment(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value, what);
        if (value.Length == 0 || value is "." or ".." || value.Contains('/') || value.Contains('\\') || HasControlCharacter(value))
            throw new ArgumentException($"The import's {what} '{Printable(value)}' cannot be part of an object key: it must be non-empty, not '.' or '..', and contain no '/', '\\' or control characters.", what);
        return value;
    }

    /// <summary>
    /// The original file name is user input: it is kept as given (so results can name it) but refused when it
    /// could leave the input prefix or confuse a tool that lists keys.
    /// </summary>
    private static string CheckFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName, nameof(fileName));
        string? reason =
            fileName.Trim().Length == 0 ? "it is empty" :
            fileName.Length > 255 ? "it is longer than 255 characters" :
            HasControlCharacter(fileName) ? "it contains a control character" :
            fileName.Contains('/') || fileName.Contains('\\') ? "it contains a path separator ('/' or '\\'); give the file name only" :
            fileName is "." or ".." ? "it is a relative directory name" :
            null;
        if (reason is not null)
            throw new ArgumentException($"The original file name '{Printable(fileName)}' cannot be stored: {reason}.", "originalFileName");
        return fileName;
    }

    private static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
            if (char.IsControl(c)) return true;
        return false;
    }

    // Error messages end up in status and logs: show control characters as escapes, not raw bytes.
    private static string Printable(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        return builder.ToString();
    }
}
