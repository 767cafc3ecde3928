using ImportOperator.Configuration;
using ImportOperator.Operator.Hosting;
using k8s.Models;

namespace ImportOperator.Tests.Ship;

/// <summary>The chart's worker.split values: what the operator reads from them, what the schema refuses, and the rights split processing needs.</summary>
public sealed class ChartSplitTests
{
    static ProcessingOptions ProcessingOf(RenderedChart chart)
    {
        var json = chart.OfType<V1ConfigMap>().Single(c => c.Metadata.Name.EndsWith("-config", StringComparison.Ordinal)).Data["operator.json"];
        var file = Path.Combine(Path.GetTempPath(), $"operator-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        try { return OperatorSettings.Bind(AppConfiguration.Build(file)).Processing; }
        finally { File.Delete(file); }
    }

    [Fact]
    public void By_default_the_operator_splits_files_of_512_MiB_into_256_MiB_chunks_32_at_most_8_at_once()
    {
        var processing = ProcessingOf(RenderedChart.Render());

        Assert.Equal((536870912L, 268435456L, 32, 8), (processing.SplitThresholdBytes, processing.SplitChunkBytes, processing.MaxChunks, processing.MaxParallelChunks));
        Assert.Empty(processing.Validate());
    }

    [Fact]
    public void Split_values_reach_the_operator_settings_including_sizes_past_two_gibibytes()
    {
        var processing = ProcessingOf(RenderedChart.Render(sets:
        [
            "worker.split.thresholdBytes=8589934592", "worker.split.chunkBytes=1073741824", "worker.split.maxChunks=64", "worker.split.maxParallelChunks=4",
        ]));

        Assert.Equal((8589934592L, 1073741824L, 64, 4), (processing.SplitThresholdBytes, processing.SplitChunkBytes, processing.MaxChunks, processing.MaxParallelChunks));
    }

    [Fact]
    public void Zero_turns_splitting_off()
    {
        Assert.Equal(0, ProcessingOf(RenderedChart.Render(sets: ["worker.split.thresholdBytes=0"])).SplitThresholdBytes);
    }

    [Theory]
    [InlineData("worker.split.chunkBytes=1000", "/worker/split/chunkBytes")]
    [InlineData("worker.split.maxChunks=1", "/worker/split/maxChunks")]
    [InlineData("worker.split.maxParallelChunks=0", "/worker/split/maxParallelChunks")]
    [InlineData("worker.split.thresholdByte=1", "thresholdByte")]
    public void Split_values_that_cannot_work_are_refused_by_the_chart_naming_them(string set, string named)
    {
        var result = RenderedChart.TryRender(sets: [set]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.Error);
    }

    [Fact]
    public void The_operator_may_create_watch_and_delete_the_chunks_and_merge_jobs_with_its_existing_rights()
    {
        var rules = RenderedChart.Render().Single<V1ClusterRole>("shop-import-operator").Rules;

        var jobVerbs = rules.Where(r => r.ApiGroups.Contains("batch") && r.Resources.Contains("jobs")).SelectMany(r => r.Verbs).ToHashSet();
        Assert.Superset(new HashSet<string> { "create", "get", "list", "watch", "delete" }, jobVerbs);
    }
}
