using ImportOperator.Configuration;
using ImportOperator.Operator.Hosting;

namespace ImportOperator.Tests.Operator;

/// <summary>The Processing:* settings that decide when a large file is split into chunk pods.</summary>
public sealed class SplitSettingsTests
{
    [Fact]
    public void The_defaults_split_files_of_512_MiB_into_chunks_of_256_MiB_at_most_32_of_them_8_at_a_time()
    {
        var settings = OperatorSettings.Bind(AppConfiguration.Build(null, new Dictionary<string, string?>()));

        Assert.Equal(512L * 1024 * 1024, settings.Processing.SplitThresholdBytes);
        Assert.Equal(256L * 1024 * 1024, settings.Processing.SplitChunkBytes);
        Assert.Equal(32, settings.Processing.MaxChunks);
        Assert.Equal(8, settings.Processing.MaxParallelChunks);
        Assert.Empty(settings.Processing.Validate());
    }

    [Fact]
    public void Flags_bind_to_the_processing_section_and_reach_the_worker_settings()
    {
        var settings = OperatorSettings.Bind(AppConfiguration.Build(null, new Dictionary<string, string?>
        {
            ["Processing:SplitThresholdBytes"] = "10485760",
            ["Processing:SplitChunkBytes"] = "2097152",
            ["Processing:MaxChunks"] = "6",
            ["Processing:MaxParallelChunks"] = "3",
        }));

        var worker = settings.Processing.ToWorkerSettings();
        Assert.Equal((10485760L, 2097152L, 6), (worker.ThresholdBytes, worker.ChunkBytes, worker.MaxChunks));
        Assert.Equal(3, settings.Processing.MaxParallelChunks);
        Assert.Empty(settings.Processing.Validate());
    }

    [Fact]
    public void Zero_threshold_means_never_split_and_is_valid()
    {
        Assert.Empty(new ProcessingOptions { SplitThresholdBytes = 0 }.Validate());
    }

    [Fact]
    public void Every_invalid_split_setting_is_reported_by_its_key()
    {
        var problems = new ProcessingOptions { SplitThresholdBytes = -1, SplitChunkBytes = 1000, MaxChunks = 1, MaxParallelChunks = 0 }.Validate();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Processing:SplitThresholdBytes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Processing:SplitChunkBytes must be at least 1048576", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Processing:MaxChunks", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Processing:MaxParallelChunks", StringComparison.Ordinal));
    }

    [Fact]
    public void A_chunk_as_large_as_the_threshold_is_refused()
    {
        var problems = new ProcessingOptions { SplitThresholdBytes = 4 * 1024 * 1024, SplitChunkBytes = 4 * 1024 * 1024 }.Validate();

        Assert.Contains("must be smaller than Processing:SplitThresholdBytes", Assert.Single(problems));
    }
}
