namespace ImportOperator.Tests.Operator.Support;

/// <summary>
/// The whole system with splitting set low, so that a file of a few MB is processed as an Indexed Job of a few chunk
/// pods and a merge: past 2 MiB a file is split into chunks of about 1 MiB, two chunk pods at a time.
/// </summary>
public sealed class SplitEnvironment : OperatorEnvironment
{
    public const long ThresholdBytes = 2 * 1024 * 1024;
    public const long ChunkBytes = 1024 * 1024;
    public const int MaxParallelChunks = 2;

    protected override IEnumerable<string> ExtraOperatorArguments =>
    [
        "--split-threshold-bytes", ThresholdBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--split-chunk-bytes", ChunkBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--max-chunks", "8",
        "--max-parallel-chunks", MaxParallelChunks.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];
}
