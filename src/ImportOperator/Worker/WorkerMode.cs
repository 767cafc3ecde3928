namespace ImportOperator.Worker;

/// <summary>Which step of an import one worker run does.</summary>
public enum WorkerMode
{
    /// <summary>The processing Job: the whole file, or (past the split threshold) the split plan only.</summary>
    Whole,

    /// <summary>One pod of the chunks Job (an Indexed Job): one chunk's rows.</summary>
    Chunk,

    /// <summary>The merge Job: every chunk's rows into the import's results, committed.</summary>
    Merge,
}
