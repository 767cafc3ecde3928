namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// Time spent in one stage of an import. Stages run interleaved (the rows' read, parse/hooks/validate and write
/// overlap on three threads, batch by batch), so a stage has a window — from its first start to its last end — and
/// a busy time, the sum of the moments it actually worked, which is never longer than the window.
/// </summary>
/// <param name="Stage">One of <see cref="ImportStages"/>.</param>
/// <param name="Start">When the stage first started.</param>
/// <param name="End">When the stage last ended.</param>
/// <param name="Busy">Time the stage worked, summed over its batches.</param>
/// <param name="Runs">How many times the stage ran (batches, or 1 for a one-off stage).</param>
public readonly record struct ImportStageTiming(string Stage, DateTimeOffset Start, DateTimeOffset End, TimeSpan Busy, long Runs);

/// <summary>The stages the engine times (see docs/observability.md for what each covers).</summary>
public static class ImportStages
{
    /// <summary>Header row detection and column matching (reads the first rows of the file).</summary>
    public const string Match = "match";

    /// <summary>Reading and decoding data rows from the file (both passes when there are column hooks).</summary>
    public const string Read = "read";

    /// <summary>Type parsing of every cell, and again of cells hooks changed.</summary>
    public const string Parse = "parse";

    /// <summary>Column, row, bulk row hooks and beforeFinishCallback.</summary>
    public const string Hooks = "hooks";

    /// <summary>Validators of every row.</summary>
    public const string Validate = "validate";

    /// <summary>Uniqueness verdicts, data.json and metadata.json.</summary>
    public const string Write = "write";
}

/// <summary>Told how long each stage took, once per stage at the end of an import (optional; see <see cref="ImportRequest.Observer"/>).</summary>
public interface IImportObserver
{
    void StageCompleted(ImportStageTiming timing);
}
